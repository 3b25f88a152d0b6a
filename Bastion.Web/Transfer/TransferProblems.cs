using Bastion.Core.Ssh;
using Bastion.Core.Transfer;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Transfer;

/// <summary>Maps a transfer outcome to a problem reply carrying its <c>code</c> (<see cref="TransferCodes"/>, which
/// says what kind of failure: the API's stable branch), its English message, and the message as a <c>reason</c>
/// (<see cref="ReplyCodes"/> <c>file_…</c> with its values: the path, the host's words), which the panel words in the
/// user's language; a connection that could not be opened carries its <c>failure</c> too.</summary>
internal static class TransferProblems
{
    public static JsonHttpResult<ApiError> From(TransferResult result) =>
        Of(result.Error, result.Reason ?? ReplyMessages.FileOperationFailed("", result.Message ?? "the file operation failed"), result.Failure);

    public static JsonHttpResult<ApiError> Of(TransferError error, FieldMessage reason, FailureDetail? failure = null)
    {
        var status = error switch
        {
            TransferError.NotAllowed or TransferError.PermissionDenied => StatusCodes.Status403Forbidden,
            TransferError.NotFound => StatusCodes.Status404NotFound,
            TransferError.Exists => StatusCodes.Status409Conflict,
            TransferError.NoSpace => StatusCodes.Status507InsufficientStorage,
            TransferError.TooLarge => StatusCodes.Status413PayloadTooLarge,
            TransferError.BadPath => StatusCodes.Status400BadRequest,
            TransferError.Unavailable => StatusCodes.Status503ServiceUnavailable,
            TransferError.Cancelled => StatusCodes.Status499ClientClosedRequest,
            TransferError.CopyCorrupt => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status502BadGateway,
        };
        var problem = new ApiError(FieldMessage.Of(TransferCodes.Of(error), reason.Text), failure, reason) { Status = status, Title = TransferCodes.Of(error) };
        return TypedResults.Json(problem, statusCode: status, contentType: "application/problem+json");
    }
}
