namespace Bastion.Core.Recording.Search;

/// <summary>One asciicast v2 event line: <c>[offset, kind, text]</c>.</summary>
internal readonly record struct CastEvent(double OffsetSeconds, char Kind, string Text);
