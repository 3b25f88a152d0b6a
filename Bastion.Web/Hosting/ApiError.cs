using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Bastion.Web.Hosting;

/// <summary>
/// The body of every error reply that is not a validation problem: an RFC 9457 problem (<c>type</c>, <c>title</c>,
/// <c>status</c> filled in by the result that sends it, <c>detail</c>) that also carries the message as <c>error</c>,
/// the member clients have read since the first release. Build a new one per reply: results fill in the status.
/// </summary>
internal sealed class ApiError : ProblemDetails
{
    public ApiError(string error)
    {
        Error = error;
        Detail = error;
    }

    [JsonPropertyName("error")]
    public string Error { get; }
}
