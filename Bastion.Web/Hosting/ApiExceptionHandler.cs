using Bastion.Core.Audit;
using Bastion.Core.Validation;
using Microsoft.AspNetCore.Diagnostics;

namespace Bastion.Web.Hosting;

/// <summary>
/// Turns an exception no endpoint handled into a problem reply (issue 13: never a 500 with an empty body): a full disk
/// is 507 Insufficient Storage (told by the error's value, <see cref="StorageFaults"/>), a request Kestrel refused
/// while it was read is its own status (413 for a body over the limit), anything else is 500. No exception text
/// reaches the body (it could name a path or a connection string).
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        var (status, title, message) = Classify(exception);
        if (status == StatusCodes.Status507InsufficientStorage)
        {
            LogStorageFull(context.Request.Method, context.Request.Path);
        }

        await ApiProblems.Of(status, title, message).ExecuteAsync(context);
        return true;
    }

    internal static (int Status, string Title, FieldMessage Message) Classify(Exception exception)
    {
        if (StorageFaults.IsStorageFull(exception))
        {
            return (StatusCodes.Status507InsufficientStorage, "Insufficient storage", ReplyMessages.StorageFull);
        }

        if (exception is BadHttpRequestException bad)
        {
            return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (bad.StatusCode, "Request body too large", ReplyMessages.BodyTooLarge)
                : (bad.StatusCode, ApiProblems.TitleOf(bad.StatusCode), ReplyMessages.RequestUnreadable);
        }

        return (StatusCodes.Status500InternalServerError, "Internal server error", ReplyMessages.ServerError);
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "{Method} {Path} refused: the disk is full")]
    private partial void LogStorageFull(string method, string path);
}
