using System.Reflection;
using Bastion.Core.Inventory.Import;
using Bastion.Web.Inventory;

namespace Bastion.Tests.Unit;

/// <summary>The import's reason codes (issue 14): every code has words in both client languages, every host form
/// error of a CSV column maps to a code, and the limits a code sends are the ones the form's message states.</summary>
public sealed class HostImportCodesTests
{
    public static TheoryData<string> Tables => ["strings-en.ts", "strings-zh-CN.ts"];

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryImportCode_HasALabel(string table)
    {
        var codes = typeof(HostImportCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "client", "src", table));

        Assert.Equal(13, codes.Count);
        var missing = codes.Where(code => !text.Contains($"  importReason_{code}: ", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{table} has no importReason_ label for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryCsvColumnError_HasItsOwnCode_WithTheLimitsTheFormStates()
    {
        // Every field the CSV carries, each one wrong.
        var request = new CreateHostRequest(
            new string('n', 101), "", 0, "", null, null, null, "not-a-fingerprint", new string('d', 1001),
            new Dictionary<string, string> { ["bad key"] = "v" }, ["bad group"], null, "klingon");
        var errors = request.Validate(isUpdate: true);

        Assert.Equal(CsvCellProblems.Rules.Keys.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        foreach (var (column, messages) in errors)
        {
            var problem = CsvCellProblems.For(column, messages[0], "x");
            Assert.NotEqual(HostImportCodes.InvalidCell, problem.Code);
            Assert.Equal(column, problem.Args["column"]);
            Assert.Equal($"{column}: {messages[0]}", problem.Message);
            foreach (var (name, limit) in CsvCellProblems.Rules[column].Limits)
            {
                Assert.True(messages[0].Contains(limit, StringComparison.Ordinal),
                    $"the {column} message '{messages[0]}' does not state {name} = {limit}");
            }
        }
    }

    [Fact]
    public void AColumnWithoutARule_IsAnInvalidCell_AndAQuotedValueIsCut()
    {
        Assert.Equal(("invalid_cell", "gatewayHostId"), (CsvCellProblems.For("gatewayHostId", "unknown", null).Code, CsvCellProblems.For("gatewayHostId", "unknown", null).Args["column"]));
        var value = CsvCellProblems.For("charset", "unknown charset", new string('c', 1000)).Args["value"];
        Assert.Equal(CsvCellProblems.MaxQuotedValue + 1, value.Length);
    }
}
