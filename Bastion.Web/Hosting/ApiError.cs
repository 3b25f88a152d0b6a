using System.Text.Json.Serialization;
using Bastion.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Bastion.Web.Hosting;

/// <summary>
/// The body of every error reply that is not a validation problem: an RFC 9457 problem (<c>type</c>, <c>title</c>,
/// <c>status</c> filled in by the result that sends it, <c>detail</c>) that also carries the message as <c>error</c>,
/// the member clients have read since the first release, and, where the browser words it in the user's language, a
/// stable <c>code</c> (<see cref="ProblemCodes"/>, <see cref="ReplyCodes"/>) with the values it names as <c>args</c>.
/// Build a new one per reply: results fill in the status.
/// </summary>
internal sealed class ApiError : ProblemDetails
{
    public ApiError(string error, string? code = null)
    {
        Error = error;
        Detail = error;
        Code = code;
    }

    /// <summary>A reply worded by a <see cref="ReplyMessages"/> message: its English text, code and values.</summary>
    public ApiError(FieldMessage message)
        : this(message.Text, message.Code)
    {
        Args = message.Args.Count == 0 ? null : message.Args;
    }

    [JsonPropertyName("error")]
    public string Error { get; }

    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; }

    [JsonPropertyName("args")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Args { get; }
}
