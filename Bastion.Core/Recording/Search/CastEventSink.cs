namespace Bastion.Core.Recording.Search;

/// <summary>Takes one asciicast v2 output or input event as <see cref="CastTailReader"/> parses it. The text is the
/// reader's buffer, valid only during the call (issue 12: no string per event).</summary>
internal delegate void CastEventSink(double offsetSeconds, char kind, ReadOnlySpan<char> text);
