using System.Text.Json.Serialization;
using Bastion.Core.Ssh;
using Bastion.Core.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Bastion.Web.Hosting;

/// <summary>
/// The body of every error reply that is not a validation problem: an RFC 9457 problem (<c>type</c>, <c>title</c>,
/// <c>status</c> filled in by the result that sends it, <c>detail</c>) that also carries the message as <c>error</c>,
/// the member clients have read since the first release, and its stable <c>code</c> with the values it names as
/// <c>args</c>, which the browser words in the user's language. A reply whose <c>error</c> value is a connection
/// failure's message (a host-key scan) also carries that failure as <c>failure</c>, a <see cref="FailureDetail"/> code
/// and its values, so the browser words the value too instead of showing SSH's English inside its own words; a file
/// transfer's reply carries its message as a coded <c>reason</c> beside the transfer code. The one way to build a coded reply: from a
/// <see cref="ReplyMessages"/> message (<see cref="ReplyCodes"/>), or a file transfer's outcome
/// (<c>Core/Transfer/TransferCodes</c>, through <c>TransferProblems</c>). Build a new one per reply: results fill in
/// the status.
/// </summary>
internal sealed class ApiError : ProblemDetails
{
    public ApiError(FieldMessage message, FailureDetail? failure = null, FieldMessage? reason = null)
    {
        Failure = failure;
        Reason = reason is null ? null : new CodedReason(reason.Code, reason.Args);
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

    /// <summary>The connection failure that the <c>error</c> value says in English (<c>Core/Ssh/FailureDetailCodes</c>).</summary>
    [JsonPropertyName("failure")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FailureDetail? Failure { get; }

    /// <summary>A file transfer's reply: its message as a <see cref="ReplyCodes"/> code with its values, beside the
    /// transfer <c>code</c> that says only the kind of failure.</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CodedReason? Reason { get; }

    internal sealed record CodedReason(string Code, IReadOnlyDictionary<string, string> Args);
}
