using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Bastion.Core.Validation;

/// <summary>A form's field errors keyed by the API's JSON field names, one <see cref="FieldMessage"/> each. As a
/// dictionary it reads as the English messages (the ValidationProblem's <c>errors</c>); <see cref="Messages"/> keeps
/// the codes that the reply carries beside them (<c>codes</c>) for the browser.</summary>
internal sealed class FieldErrors : IReadOnlyDictionary<string, string[]>
{
    private readonly Dictionary<string, FieldMessage> _messages = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, FieldMessage> Messages => _messages;

    public int Count => _messages.Count;

    public IEnumerable<string> Keys => _messages.Keys;

    public IEnumerable<string[]> Values => _messages.Values.Select(m => new[] { m.Text });

    public string[] this[string key] => [_messages[key].Text];

    public static FieldErrors One(string field, FieldMessage message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>Sets <paramref name="field"/>'s message; a later message for the same field replaces the earlier.</summary>
    public void Add(string field, FieldMessage message) => _messages[field] = message;

    /// <summary>The same errors with <paramref name="from"/> named <paramref name="to"/> (an endpoint whose body calls
    /// the field otherwise).</summary>
    public FieldErrors Renamed(string from, string to)
    {
        var renamed = new FieldErrors();
        foreach (var (field, message) in _messages)
        {
            renamed.Add(field == from ? to : field, message);
        }

        return renamed;
    }

    public bool ContainsKey(string key) => _messages.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string[] value)
    {
        value = _messages.TryGetValue(key, out var message) ? [message.Text] : null;
        return value is not null;
    }

    public IEnumerator<KeyValuePair<string, string[]>> GetEnumerator() =>
        _messages.Select(m => new KeyValuePair<string, string[]>(m.Key, [m.Value.Text])).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
