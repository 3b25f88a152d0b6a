namespace Bastion.Tests.Screen;

/// <summary>What the headless harness returns: a description per stream and, when asked, the addon's serialisation.</summary>
internal sealed record HeadlessResult(IReadOnlyList<string> Screens, IReadOnlyList<string?> Serialized);
