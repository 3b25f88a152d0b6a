using System.Reflection;
using Bastion.Core.Audit;

namespace Bastion.Tests.Unit;

public sealed class AuditEventTypesTests
{
    private static readonly List<string> s_constants = typeof(AuditEventTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    [Fact]
    public void All_ListsEveryConstant_ExactlyOnce()
    {
        Assert.NotEmpty(s_constants);
        Assert.Equal(s_constants.Order(StringComparer.Ordinal), AuditEventTypes.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryType_IsADottedLowerCaseName()
    {
        Assert.All(AuditEventTypes.All, type => Assert.Matches("^[a-z_]+(\\.[a-z_]+)+$", type));
    }

    /// <summary>The audit page shows every type in words, in both languages: a new type without its label would
    /// appear as a raw name in one of them.</summary>
    [Theory]
    [InlineData("strings-en.ts")]
    [InlineData("strings-zh-CN.ts")]
    public void EveryType_HasALabel_InEachClientLanguage(string table)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "client", "src", table));
        var missing = AuditEventTypes.All.Where(type => !text.Contains($"  eventType_{type.Replace('.', '_')}: ", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{table} has no eventType_ label for: {string.Join(", ", missing)}");
    }
}
