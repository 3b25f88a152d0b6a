using System.Text.Json.Serialization;

namespace Bastion.Web.Inventory;

/// <summary>One line of a streamed CSV import (<c>Accept: application/x-ndjson</c>), its kind in <c>type</c>: how far
/// it is (<c>progress</c>: <c>checking</c> or <c>writing</c>, lines done of the total), or, last, the <c>report</c>
/// (the same object the plain JSON reply is), or, when the import failed after the stream began, an <c>error</c>
/// line: its stable <c>code</c> (<c>Core/Validation/ReplyCodes</c>), the English <c>error</c> and the code's
/// <c>args</c>, which the page words in the user's language. The import is one transaction, so a failure before its
/// commit imports nothing (only the audit event is written after it).</summary>
internal sealed record CsvImportMessage(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CsvImportMessage.ProgressDto? Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CsvResult? Report)
{
    [JsonPropertyName("code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Code { get; init; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonPropertyName("args")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Args { get; init; }

    public static CsvImportMessage OfProgress(string phase, int done, int total) => new("progress", new ProgressDto(phase, done, total), null);

    public static CsvImportMessage OfReport(CsvResult report) => new("report", null, report);

    public static CsvImportMessage OfError(Core.Validation.FieldMessage message) =>
        new("error", null, null) { Code = message.Code, Error = message.Text, Args = message.Args };

    public sealed record ProgressDto(string Phase, int Done, int Total);
}
