using System.Collections.Concurrent;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace Bastion.Web.Hosting;

/// <summary>The OpenAPI 3.1 document at <c>/openapi/v1.json</c>, generated from the mapped endpoints. Scripts read it
/// before they log in, so it is served without authentication; it holds routes and schemas, never a value.</summary>
internal static class OpenApiExtensions
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/{documentName}.json";

    public static void AddBastionOpenApi(this IServiceCollection services)
    {
        var schemaOwners = new ConcurrentDictionary<string, Type>(StringComparer.Ordinal);
        services.AddOpenApi(DocumentName, o =>
        {
            o.CreateSchemaReferenceId = type => UniqueSchemaId(schemaOwners, type);
            o.AddDocumentTransformer<BearerSecuritySchemeTransformer>();
            o.AddOperationTransformer<AuthorizationOperationTransformer>();
        });
    }

    public static void MapBastionOpenApi(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>The default id is the bare type name, and two types with one name would silently share one schema
    /// (two nested <c>Page</c> records did): refuse that, so the document fails loudly instead of lying.</summary>
    private static string? UniqueSchemaId(ConcurrentDictionary<string, Type> owners, JsonTypeInfo type)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        if (id is not null && owners.GetOrAdd(id, type.Type) is var owner && owner != type.Type)
        {
            throw new InvalidOperationException($"OpenAPI schema id '{id}' names both {owner.FullName} and {type.Type.FullName}; rename one of them.");
        }

        return id;
    }
}
