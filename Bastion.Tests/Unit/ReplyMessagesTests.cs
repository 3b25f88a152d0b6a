using System.Reflection;
using Bastion.Core.Validation;

namespace Bastion.Tests.Unit;

/// <summary>Every <see cref="ReplyCodes"/> code has its one English wording in <see cref="ReplyMessages"/> (issue 14:
/// one way to build a coded reply), and each wording names in its text the values it sends as <c>args</c>, so the
/// browser's words and the English say the same thing.</summary>
public sealed class ReplyMessagesTests
{
    [Fact]
    public void EveryReplyCode_HasOneWording_AndEveryWordingOneCode()
    {
        var worded = Messages().Select(m => m.Code).ToList();
        var codes = typeof(ReplyCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), worded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryValueAReplySends_IsInItsEnglishText()
    {
        foreach (var message in Messages())
        {
            Assert.All(message.Args, arg => Assert.Contains(arg.Value, message.Text, StringComparison.Ordinal));
        }
    }

    /// <summary>Each message of <see cref="ReplyMessages"/>: its properties, and its methods called with sample values.</summary>
    private static List<FieldMessage> Messages()
    {
        var type = typeof(ReplyMessages);
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(FieldMessage)).Select(p => (FieldMessage)p.GetValue(null)!);
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(FieldMessage) && !m.IsSpecialName)
            .Select(m => (FieldMessage)m.Invoke(null, [.. m.GetParameters().Select((p, i) => p.ParameterType == typeof(int) ? (object)(40 + i) : $"value-{i}")])!);
        return [.. properties, .. methods];
    }
}
