namespace Bastion.Core.Recording.Search;

/// <summary>How far one recording is indexed: the byte offset of the next unread line, whether the recording is done
/// (the session ended and every line is in), and the unfinished lines carried into the next pass.</summary>
internal sealed record SearchProgress(long Bytes, bool Complete, SearchCarry Output, SearchCarry Input)
{
    public static SearchProgress Start { get; } = new(0, false, SearchCarry.None, SearchCarry.None);
}
