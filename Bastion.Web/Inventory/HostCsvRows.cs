using System.Globalization;
using Bastion.Core.Inventory.Import;

namespace Bastion.Web.Inventory;

/// <summary>Turns the CSV's data lines into import rows: each line's cells checked like the host form's fields
/// (<see cref="CreateHostRequest.Validate"/>, without secrets, which a CSV never carries), each error as a
/// <see cref="HostImportProblem"/> (<see cref="CsvCellProblems"/>).</summary>
internal sealed class HostCsvRows(List<string> header)
{
    private readonly Dictionary<string, int> _columns =
        header.Select((name, index) => (name, index)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().index, StringComparer.Ordinal);

    /// <summary>Every data line of <paramref name="rows"/> (the header is <c>rows[0]</c>).</summary>
    public static List<HostImportRow> From(List<string> header, List<List<string>> rows)
    {
        var result = new List<HostImportRow>(Math.Max(0, rows.Count - 1));
        new HostCsvRows(header).AddRange(rows, 1, rows.Count, result);
        return result;
    }

    /// <summary>Checks <c>rows[from..to)</c> and appends them to <paramref name="result"/>.</summary>
    public void AddRange(List<List<string>> rows, int from, int to, List<HostImportRow> result)
    {
        for (var i = from; i < to; i++)
        {
            result.Add(Check(rows[i], i + 1));
        }
    }

    private HostImportRow Check(List<string> row, int line)
    {
        string? Cell(string column) => _columns.TryGetValue(column, out var index) && index < row.Count && row[index].Trim().Length > 0 ? row[index].Trim() : null;

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
        return errors.Count > 0
            ? new HostImportRow(line, name, null, null, [.. errors.Select(e => CsvCellProblems.For(e.Key, e.Value[0], Cell(e.Key)))])
            : new HostImportRow(line, name, request.ToChanges(), request.Enabled, null);
    }
}
