using Bastion.Core.Transfer;
using Bastion.Core.Validation;
using Bastion.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bastion.Web.Transfer;

/// <summary>Maps a transfer outcome to a problem reply carrying its <c>code</c> (<see cref="TransferCodes"/>); the
/// message is the outcome's own English text (it names the host's words), so a transfer code has no <c>args</c>.</summary>
internal static class TransferProblems
{
    public static JsonHttpResult<ApiError> From(TransferResult result) => Of(result.Error, result.Message ?? "the file operation failed");

    public static JsonHttpResult<ApiError> Of(TransferError error, string message)
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
        var problem = new ApiError(FieldMessage.Of(TransferCodes.Of(error), message)) { Status = status, Title = TransferCodes.Of(error) };
        return TypedResults.Json(problem, statusCode: status, contentType: "application/problem+json");
    }
}
