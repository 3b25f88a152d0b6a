namespace Bastion.Core.Inventory.Import;

/// <summary>
/// Why a line of a host import was rejected, as a code and its values (issue 14), so the admin page can say it in the
/// user's language; <see cref="Message"/> is the same in English for API users. <see cref="Code"/> is one of
/// <see cref="HostImportCodes"/>; <see cref="Args"/> holds the values the words name (the column, a limit, a line).
/// </summary>
internal sealed record HostImportProblem(string Code, string Message, IReadOnlyDictionary<string, string> Args)
{
    public static HostImportProblem Of(string code, string message, params (string Name, string Value)[] args) =>
        new(code, message, args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal));
}
