using Bastion.Core.Access;
using Bastion.Core.Audit;
using Bastion.Core.Inventory;
using Bastion.Core.Validation;
using Bastion.Web.Admin;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Inventory;

/// <summary>Shared, named credentials: set and rotate only; the secrets are never returned.</summary>
internal static class CredentialEndpoints
{
    public sealed record CredentialRequest(string? Name, string? Password, string? PrivateKey, string? Passphrase);

    public sealed record CredentialDto(string Id, string Name, bool HasPassword, bool HasPrivateKey, DateTimeOffset UpdatedAt, int HostCount);

    public static void MapCredentialEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/credentials").RequireAuthorization(Roles.Admin).WithTags("Credentials");
        group.MapGet("/", ListAsync).WithName("ListCredentials");
        group.MapPost("/", CreateAsync).WithName("CreateCredential");
        group.MapPut("/{id:guid}", RotateAsync).WithName("RotateCredential");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteCredential");
    }

    private static async Task<Ok<List<CredentialDto>>> ListAsync(SharedCredentials credentials, CancellationToken cancellationToken) =>
        TypedResults.Ok((await credentials.ListAsync(cancellationToken)).Select(r => ToDto(r.Credential, r.HostCount)).ToList());

    private static CredentialDto ToDto(Credential c, int hostCount) =>
        new(c.Id.ToString(), c.Name!, c.ProtectedPassword is not null, c.ProtectedPrivateKey is not null, c.UpdatedAt, hostCount);

    private static FieldErrors Validate(CredentialRequest request)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors.Add("name", FieldMessages.NameLength(100));
        }

        if (string.IsNullOrEmpty(request.Password) && string.IsNullOrEmpty(request.PrivateKey))
        {
            errors.Add("password", FieldMessages.CredentialSecretRequired);
        }

        if (!string.IsNullOrEmpty(request.PrivateKey) && PrivateKeyCheck.Error(request.PrivateKey, request.Passphrase) is { } keyError)
        {
            errors.Add("privateKey", keyError);
        }

        return errors;
    }

    private static async Task<Results<Created<CredentialDto>, ValidationProblem, Conflict<ApiError>>> CreateAsync(
        CredentialRequest request, HttpContext context, SharedCredentials credentials, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return FormProblems.Of(errors);
        }

        var result = await credentials.CreateAsync(request.Name!, Secrets(request), cancellationToken);
        if (result.Value is not { } credential)
        {
            return TypedResults.Conflict(new ApiError(result.Problem!));
        }

        var dto = ToDto(credential, 0);
        await audit.AppendAsync(context, AuditEventTypes.CredentialCreated, null, null, dto, cancellationToken);
        return TypedResults.Created($"/api/credentials/{credential.Id}", dto);
    }

    /// <summary>Replaces the secrets (and may rename); every host using the credential follows at its next connect.</summary>
    private static async Task<Results<Ok<CredentialDto>, ValidationProblem, NotFound<ApiError>, Conflict<ApiError>>> RotateAsync(
        Guid id, CredentialRequest request, HttpContext context, SharedCredentials credentials, IAuditLog audit, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return FormProblems.Of(errors);
        }

        var credential = await credentials.FindAsync(id, cancellationToken);
        if (credential is null)
        {
            return TypedResults.NotFound(new ApiError(ReplyMessages.CredentialNotFound));
        }

        var hostCount = await credentials.CountHostsAsync(id, cancellationToken);
        var before = ToDto(credential, hostCount);
        var result = await credentials.RotateAsync(credential, request.Name!, Secrets(request), cancellationToken);
        if (result.Status != ChangeStatus.Done)
        {
            return TypedResults.Conflict(new ApiError(result.Problem!));
        }

        var after = ToDto(credential, hostCount);
        await audit.AppendAsync(context, AuditEventTypes.CredentialRotated, null, before, after, cancellationToken);
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, NotFound<ApiError>, Conflict<ApiError>>> DeleteAsync(
        Guid id, HttpContext context, SharedCredentials credentials, IAuditLog audit, CancellationToken cancellationToken)
    {
        var result = await credentials.DeleteAsync(id, cancellationToken);
        if (result.Value is not { } credential)
        {
            return result.Status == ChangeStatus.NotFound ? TypedResults.NotFound(new ApiError(result.Problem!)) : TypedResults.Conflict(new ApiError(result.Problem!));
        }

        await audit.AppendAsync(context, AuditEventTypes.CredentialDeleted, null, ToDto(credential, 0), null, cancellationToken);
        return TypedResults.NoContent();
    }

    private static CredentialSecrets Secrets(CredentialRequest request) => new(request.Password, request.PrivateKey, request.Passphrase);
}
