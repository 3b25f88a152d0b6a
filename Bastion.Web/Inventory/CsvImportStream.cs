using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Inventory.Import;
using Bastion.Core.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Bastion.Web.Inventory;

/// <summary>
/// The CSV import as a stream of JSON lines for a client that asks for it (<c>Accept: application/x-ndjson</c>): a
/// progress line when the server starts checking the lines, then one after each batch it checks or writes, then the
/// report. Still one request and one transaction: the lines only report on it. Bounded: one line per
/// <see cref="CheckChunk"/> lines checked and per <see cref="HostImporter.BatchSize"/> written (at most 241 for the
/// largest import allowed), each flushed before the import goes on, so a client that stops reading stops the import
/// instead of making the server queue lines for it. An import that fails once the stream has begun (the status line
/// is sent, so it cannot become a problem reply) ends the stream with an error line (<see cref="CsvImportMessage.OfError"/>):
/// a full disk as <see cref="ReplyCodes.StorageFull"/>, anything else as <see cref="ReplyCodes.ImportFailed"/>, the
/// error itself only in the log. A request the client gave up is not answered.
/// </summary>
internal static partial class CsvImportStream
{
    public const string ContentType = "application/x-ndjson";

    /// <summary>Lines checked between two progress lines.</summary>
    public const int CheckChunk = 5000;

    private static readonly byte[] s_newLine = "\n"u8.ToArray();

    /// <summary>Whether the request asks for the stream rather than the one JSON reply (the default).</summary>
    public static bool IsAsked(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Marks the reply as not for caching or proxy buffering (nginx holds a reply back by default).</summary>
    public static void PrepareHeaders(HttpResponse response)
    {
        response.Headers[HeaderNames.CacheControl] = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Runs <paramref name="import"/> with a progress listener that writes to <paramref name="body"/>, then writes
    /// its report, or the error line if it failed.</summary>
    public static async Task WriteAsync(
        Stream body, JsonSerializerOptions json, int total, Func<HostImportProgress, Task<CsvResult>> import, ILogger logger, CancellationToken cancellationToken)
    {
        async ValueTask Line(CsvImportMessage message, CancellationToken token)
        {
            await JsonSerializer.SerializeAsync(body, message, json, token);
            await body.WriteAsync(s_newLine, token);
            await body.FlushAsync(token);
        }

        await Line(CsvImportMessage.OfProgress(PhaseName(HostImportPhase.Checking), 0, total), cancellationToken);
        CsvResult report;
        try
        {
            report = await import((phase, done, all, token) => Line(CsvImportMessage.OfProgress(PhaseName(phase), done, all), token));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, ex);
            await Line(CsvImportMessage.OfError(StorageFaults.IsStorageFull(ex) ? ReplyMessages.StorageFull : ReplyMessages.ImportFailed), cancellationToken);
            return;
        }

        await Line(CsvImportMessage.OfReport(report), cancellationToken);
    }

    /// <summary>Adds the stream to the OpenAPI document's 200 reply, beside the JSON report: endpoint metadata holds one
    /// reply type per status, so a second <c>Produces</c> for 200 would replace the first.</summary>
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
        {
            content[ContentType] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(typeof(CsvImportMessage), null, cancellationToken) };
        }
    }

    private static string PhaseName(HostImportPhase phase) => phase == HostImportPhase.Checking ? "checking" : "writing";

    [LoggerMessage(EventId = 1030, Level = LogLevel.Error, Message = "A streamed host import failed after its stream began")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
