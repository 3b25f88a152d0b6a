using Microsoft.AspNetCore.WebUtilities;

namespace Bastion.Web.Hosting;

/// <summary>
/// Every error reply carries a problem body (RFC 9457, as <see cref="ApiError"/>): unhandled exceptions go through
/// <see cref="ApiExceptionHandler"/>; a status set with no body (a 413 from reading a JSON body, a 404, a 405, an
/// authentication challenge) gets one from the status-code pages. Replies that wrote their own body keep it.
/// </summary>
internal static class ApiProblems
{
    public static IServiceCollection AddBastionProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it answers with a problem body.</summary>
    public static void UseBastionProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => context.HttpContext.Request.Path.StartsWithSegments("/ws")
            ? Task.CompletedTask
            : Of(context.HttpContext.Response.StatusCode, TitleOf(context.HttpContext.Response.StatusCode), MessageOf(context.HttpContext.Response.StatusCode))
                .ExecuteAsync(context.HttpContext));
    }

    public static IResult Of(int status, string title, string message) =>
        TypedResults.Json(new ApiError(message) { Status = status, Title = title }, statusCode: status, contentType: "application/problem+json");

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status507InsufficientStorage => "Insufficient storage",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
    };

    private static string MessageOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "the request is not valid",
        StatusCodes.Status401Unauthorized => "sign in first: the request carries no valid credentials",
        StatusCodes.Status403Forbidden => "you are not allowed to do this",
        StatusCodes.Status404NotFound => "not found",
        StatusCodes.Status405MethodNotAllowed => "this method is not allowed here",
        StatusCodes.Status413PayloadTooLarge => "the request body is larger than the server accepts",
        StatusCodes.Status415UnsupportedMediaType => "the request body's content type is not accepted",
        StatusCodes.Status429TooManyRequests => "too many requests; wait a moment, then try again",
        _ when status >= 500 => "the server failed to answer this request; the error is in its log",
        _ => TitleOf(status).ToLowerInvariant(),
    };
}
