using System.Globalization;
using System.Text.Encodings.Web;
using Bastion.Core.Audit;

namespace Bastion.Web.AuditApi;

/// <summary>The filters shared by the audit list and its exports. Times are ISO 8601 or Unix milliseconds.</summary>
internal sealed record AuditQuery(string? From, string? To, string? User, string? Host, string? Type, string? Session, long? Before, int? Limit)
{
    public const int MaxLimit = 1000;

    public int PageSize => Math.Clamp(Limit ?? 100, 1, MaxLimit);

    /// <summary>Applies the filters, or returns an error message for a malformed one.</summary>
    public (IQueryable<AuditRecord>? Query, string? Error) Apply(IQueryable<AuditRecord> source)
    {
        var query = source;
        if (!TryParseTime(From, out var from) || !TryParseTime(To, out var to))
        {
            return (null, "from and to must be ISO 8601 times or Unix milliseconds");
        }

        if (from is { } f)
        {
            query = query.Where(r => r.TimeMs >= f);
        }

        if (to is { } t)
        {
            query = query.Where(r => r.TimeMs < t);
        }

        if (!string.IsNullOrWhiteSpace(User))
        {
            var user = User.Trim().ToLowerInvariant();
            query = query.Where(r => r.Actor == user);
        }

        if (!string.IsNullOrWhiteSpace(Host))
        {
            if (Guid.TryParse(Host, out var hostId))
            {
                query = query.Where(r => r.HostId == hostId);
            }
            else
            {
                // Data is canonical JSON (AuditCanonical.EncodeData), so the encoded pair is an exact substring.
                var needle = "\"host\":\"" + JavaScriptEncoder.Default.Encode(Host.Trim()) + "\"";
                query = query.Where(r => r.DataJson.Contains(needle));
            }
        }

        if (!string.IsNullOrWhiteSpace(Type))
        {
            var type = Type.Trim();
            query = query.Where(r => r.Type == type || r.Type.StartsWith(type + "."));
        }

        if (!string.IsNullOrWhiteSpace(Session))
        {
            query = query.Where(r => r.SessionId == Session);
        }

        if (Before is { } before)
        {
            query = query.Where(r => r.Sequence < before);
        }

        return (query, null);
    }

    private static bool TryParseTime(string? text, out long? ms)
    {
        ms = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var unix))
        {
            ms = unix;
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            ms = time.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}
