using Bastion.Core.Audit;
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
    public const string StorageFullMessage = "the server's disk is full, so this change cannot be saved; ask an admin to free space, then try again";

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

    internal static (int Status, string Title, string Message) Classify(Exception exception)
    {
        if (StorageFaults.IsStorageFull(exception))
        {
            return (StatusCodes.Status507InsufficientStorage, "Insufficient storage", StorageFullMessage);
        }

        if (exception is BadHttpRequestException bad)
        {
            return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? (bad.StatusCode, "Request body too large", "the request body is larger than the server accepts")
                : (bad.StatusCode, ApiProblems.TitleOf(bad.StatusCode), "the request could not be read");
        }

        return (StatusCodes.Status500InternalServerError, "Internal server error", "the server failed to answer this request; the error is in its log");
    }

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "{Method} {Path} refused: the disk is full")]
    private partial void LogStorageFull(string method, string path);
}
