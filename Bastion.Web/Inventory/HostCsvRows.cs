using System.Globalization;
using Bastion.Core.Inventory.Import;

namespace Bastion.Web.Inventory;

/// <summary>Turns the CSV's data lines into import rows: each line's cells checked like the host form's fields
/// (<see cref="CreateHostRequest.Validate"/>, without secrets, which a CSV never carries).</summary>
internal static class HostCsvRows
{
    public static List<HostImportRow> From(List<string> header, List<List<string>> rows)
    {
        var columns = header.Select((name, index) => (name, index)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);
        var result = new List<HostImportRow>(Math.Max(0, rows.Count - 1));
        for (var i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            string? Cell(string column) => columns.TryGetValue(column, out var index) && index < row.Count && row[index].Trim().Length > 0 ? row[index].Trim() : null;

            var line = i + 1;
            var name = Cell("name") ?? "";
            var portCell = Cell("port");
            var port = portCell is null ? 22 : int.TryParse(portCell, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : -1;
            var request = new CreateHostRequest(
                name, Cell("address"), port, Cell("username"), null, null, null, Cell("hostKeyFingerprint"),
                Cell("description"),
                Cell("labels")?.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2)
                    .GroupBy(kv => kv[0].Trim()).ToDictionary(g => g.Key, g => g.Last()[1].Trim()),
                Cell("groups")?.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList(),
                Cell("enabled") is { } enabled ? !enabled.Equals("false", StringComparison.OrdinalIgnoreCase) : null,
                Cell("charset"));
            var errors = request.Validate(isUpdate: true);
            result.Add(errors.Count > 0
                ? new HostImportRow(line, name, null, null, string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value[0]}")))
                : new HostImportRow(line, name, request.ToChanges(), request.Enabled, null));
        }

        return result;
    }
}
