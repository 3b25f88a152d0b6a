using System.Text.Json.Serialization;
using Bastion.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Bastion.Web.Hosting;

/// <summary>
/// The body of every error reply that is not a validation problem: an RFC 9457 problem (<c>type</c>, <c>title</c>,
/// <c>status</c> filled in by the result that sends it, <c>detail</c>) that also carries the message as <c>error</c>,
/// the member clients have read since the first release, and its stable <c>code</c> with the values it names as
/// <c>args</c>, which the browser words in the user's language. The one way to build a coded reply: from a
/// <see cref="ReplyMessages"/> message (<see cref="ReplyCodes"/>), or a file transfer's outcome
/// (<c>Core/Transfer/TransferCodes</c>, through <c>TransferProblems</c>). Build a new one per reply: results fill in
/// the status.
/// </summary>
internal sealed class ApiError : ProblemDetails
{
    public ApiError(FieldMessage message)
    {
        Error = message.Text;
        Detail = message.Text;
        Code = message.Code;
        Args = message.Args.Count == 0 ? null : message.Args;
    }

    [JsonPropertyName("error")]
    public string Error { get; }

    [JsonPropertyName("code")]
    public string Code { get; }

    [JsonPropertyName("args")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Args { get; }
}
