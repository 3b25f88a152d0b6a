namespace Bastion.Core.Sessions;

/// <summary>What an invitation allows; the same words as the attach modes (<c>?mode=watch|control</c>).</summary>
internal static class SessionInvitationModes
{
    /// <summary>Output only; input is refused.</summary>
    public const string Watch = "watch";

    /// <summary>Typing too (output, input, and everything <see cref="Watch"/> allows).</summary>
    public const string Control = "control";

    public static bool IsKnown(string? mode) => mode is Watch or Control;

    /// <summary>Whether an invitation of <paramref name="granted"/> allows an attach in <paramref name="requested"/>.</summary>
    public static bool Covers(string granted, string requested) =>
        granted == requested || (granted == Control && requested == Watch);
}
