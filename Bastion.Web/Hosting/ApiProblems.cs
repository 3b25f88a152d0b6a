using Bastion.Core.Validation;
using Microsoft.AspNetCore.WebUtilities;

namespace Bastion.Web.Hosting;

/// <summary>
/// Every error reply carries a problem body (RFC 9457, as <see cref="ApiError"/>, with a <see cref="ReplyCodes"/> code):
/// unhandled exceptions go through <see cref="ApiExceptionHandler"/>; a status set with no body (a 413 from reading a
/// JSON body, a 404, a 405, an authentication challenge) gets one from the status-code pages. Replies that wrote their
/// own body keep it.
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

    public static IResult Of(int status, string title, FieldMessage message) =>
        TypedResults.Json(new ApiError(message) { Status = status, Title = title }, statusCode: status, contentType: "application/problem+json");

    public static string TitleOf(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status507InsufficientStorage => "Insufficient storage",
        _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error",
    };

    internal static FieldMessage MessageOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => ReplyMessages.BadRequest,
        StatusCodes.Status401Unauthorized => ReplyMessages.SignInRequired,
        StatusCodes.Status403Forbidden => ReplyMessages.Forbidden,
        StatusCodes.Status404NotFound => ReplyMessages.NotFound,
        StatusCodes.Status405MethodNotAllowed => ReplyMessages.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ReplyMessages.BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => ReplyMessages.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => ReplyMessages.TooManyRequests,
        StatusCodes.Status507InsufficientStorage => ReplyMessages.StorageFull,
        _ when status >= 500 => ReplyMessages.ServerError,
        _ => ReplyMessages.HttpStatus(status, TitleOf(status).ToLowerInvariant()),
    };
}
