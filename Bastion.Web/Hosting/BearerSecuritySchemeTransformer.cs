using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Bastion.Web.Hosting;

/// <summary>Names the document and declares the one way to authenticate: <c>Authorization: Bearer</c> with the
/// token from <c>POST /api/auth/token</c>. Which operations need it, and with which roles, is
/// <see cref="AuthorizationOperationTransformer"/>'s part.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Bastion",
            Version = OpenApiExtensions.DocumentName,
            Description = "Web SSH bastion API. Get a token from POST /api/auth/token and send it as 'Authorization: Bearer <token>'. "
                + "Errors with a body are RFC 9457 problems; their 'error' member holds the message.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "Access token from POST /api/auth/token. Roles are read from the user's current record on every request.",
        };
        return Task.CompletedTask;
    }
}
