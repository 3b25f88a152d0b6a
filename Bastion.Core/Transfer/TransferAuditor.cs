using System.Globalization;
using Bastion.Core.Audit;

namespace Bastion.Core.Transfer;

/// <summary>
/// Writes one audit event per file operation (issue 14): <c>file.uploaded</c>, <c>file.downloaded</c>,
/// <c>file.deleted</c>, <c>file.changed</c> (mkdir, rename), for refusals too, with the session id so the session's
/// page shows them. Data: <c>path</c>, <c>size</c> (bytes moved), <c>sha256</c> (of exactly those bytes),
/// <c>durationMs</c>, <c>outcome</c> (<c>ok</c> or the error code) and, on failure, <c>reason</c> in English with
/// <c>reasonCode</c> (<c>Core/Validation/ReplyCodes</c> <c>file_…</c>) and its values as <c>reason.&lt;name&gt;</c>,
/// which the session's page words in the reader's language.
/// </summary>
internal sealed class TransferAuditor(IAuditLog audit, TimeProvider time)
{
    public long Start() => time.GetTimestamp();

    public Task WriteAsync(string type, TransferFacts facts, string path, TransferResult result, long started, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var data = new Dictionary<string, string?>
        {
            ["host"] = facts.HostName,
            ["login"] = facts.Login,
            ["path"] = path,
            ["size"] = result.Bytes.ToString(CultureInfo.InvariantCulture),
            ["sha256"] = result.Sha256,
            ["durationMs"] = ((long)time.GetElapsedTime(started).TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ["outcome"] = result.Succeeded ? "ok" : TransferCodes.Of(result.Error),
            ["reason"] = result.Message,
            ["reasonCode"] = result.Reason?.Code,
        };
        foreach (var (name, value) in result.Reason?.Args ?? new Dictionary<string, string>())
        {
            data["reason." + name] = value;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            data[key] = value;
        }

        // Written even when the browser has gone: an aborted transfer is still audited.
        return audit.AppendAsync(new AuditEvent
        {
            Type = type,
            Actor = facts.UserName,
            ClientAddress = facts.ClientAddress,
            SessionId = facts.SessionId,
            HostId = facts.HostId,
            Data = data,
        }, CancellationToken.None);
    }
}
