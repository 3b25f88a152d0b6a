using System.Text.Json.Serialization;

namespace Bastion.Web.Inventory;

/// <summary>One line of a streamed CSV import (<c>Accept: application/x-ndjson</c>): either how far it is
/// (<c>progress</c>: <c>checking</c> or <c>writing</c>, lines done of the total) or, last, the <c>report</c>, the same
/// object the plain JSON reply is.</summary>
internal sealed record CsvImportMessage(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CsvImportMessage.ProgressDto? Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CsvResult? Report)
{
    public sealed record ProgressDto(string Phase, int Done, int Total);
}
