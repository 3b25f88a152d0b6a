using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Bastion.Web.Hosting;

/// <summary>
/// States each operation's authorization from the endpoint's own metadata (the same <see cref="IAuthorizeData"/> and
/// policies the authorization middleware evaluates), so the document cannot drift from what is enforced. Roles go into
/// the security requirement (OpenAPI 3.1 allows role names there for any scheme): one requirement per role that is
/// enough, since the requirements of an operation are alternatives. 401 and 403 come from the middleware, bodiless.
/// </summary>
internal sealed class AuthorizationOperationTransformer(IAuthorizationPolicyProvider policies, IOptions<AuthorizationOptions> options)
    : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.OfType<IAuthorizeData>(), metadata.OfType<AuthorizationPolicy>())
            ?? options.Value.FallbackPolicy;
        if (policy is null)
        {
            return;
        }

        var alternatives = RoleAlternatives(policy);
        var scheme = new OpenApiSecuritySchemeReference(BearerSecuritySchemeTransformer.SchemeName, context.Document);
        operation.Security = alternatives.Count == 0
            ? [new OpenApiSecurityRequirement { [scheme] = [] }]
            : [.. alternatives.Select(roles => new OpenApiSecurityRequirement { [scheme] = [.. roles] })];

        var who = alternatives.Count == 0 ? "any signed-in user" : "role " + string.Join(" or ", alternatives.Select(r => string.Join(" and ", r)));
        operation.Description = (operation.Description is { Length: > 0 } d ? d + "\n\n" : "") + $"Requires a bearer token: {who}.";
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No token, or one that is expired, revoked or of a disabled user (no body)." });
        if (alternatives.Count > 0)
        {
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The user lacks {who} (no body)." });
        }
    }

    /// <summary>The role sets any one of which satisfies every role requirement of the policy (each requirement is
    /// an any-of list, and all requirements must hold).</summary>
    private static List<SortedSet<string>> RoleAlternatives(AuthorizationPolicy policy)
    {
        var alternatives = new List<SortedSet<string>>();
        foreach (var requirement in policy.Requirements.OfType<RolesAuthorizationRequirement>())
        {
            alternatives = alternatives.Count == 0
                ? [.. requirement.AllowedRoles.Select(role => new SortedSet<string>(StringComparer.Ordinal) { role })]
                : [.. alternatives.SelectMany(set => requirement.AllowedRoles.Select(role => new SortedSet<string>(set, StringComparer.Ordinal) { role }))];
        }

        return [.. alternatives.DistinctBy(set => string.Join(' ', set))];
    }
}
