using Bastion.Core.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Hosting;

/// <summary>
/// The reply to a form with invalid fields (issue 14): a 400 ValidationProblem whose <c>errors</c> are the English
/// messages per field and whose <c>detail</c> joins them (for API users), and beside them <c>codes</c>: per field,
/// the message's stable <see cref="FieldCodes"/> code and its values, which the browser words in the user's language.
/// <code>{"errors":{"port":["port must be 1 to 65535"]},"codes":{"port":[{"code":"port_range","args":{}}]},"detail":"port: port must be 1 to 65535"}</code>
/// </summary>
internal static class FormProblems
{
    public static ValidationProblem Of(FieldErrors errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: string.Join("; ", errors.Messages.Select(e => $"{e.Key}: {e.Value.Text}")),
            extensions: [new("codes", errors.Messages.ToDictionary(e => e.Key, e => new[] { new FieldCode(e.Value.Code, e.Value.Args) }, StringComparer.Ordinal))]);

    public static ValidationProblem Of(string field, FieldMessage message) => Of(FieldErrors.One(field, message));

    /// <summary>One entry of <c>codes</c>.</summary>
    internal sealed record FieldCode(string Code, IReadOnlyDictionary<string, string> Args);
}
