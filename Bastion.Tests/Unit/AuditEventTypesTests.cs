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
}
