namespace Bastion.Core.Terminal;

/// <summary>
/// The failure an <c>error</c> message's English <c>message</c> was made from, as a code and the values it names
/// (issue 14): the terminal's <c>failure</c> member, the same <c>{code, args}</c> that problem replies carry as
/// <c>failure</c> (a <c>Core/Ssh/FailureDetailCodes</c> code), so the browser words the host, address, port or
/// fingerprints in the user's language. Kept apart from <c>Ssh/FailureDetail</c> because Terminal depends on no Ssh type.
/// </summary>
internal sealed record CodedFailure(string Code, IReadOnlyDictionary<string, string> Args);
