namespace Bastion.Core.Recording.Search;

/// <summary>The start of a line not yet ended when a bucket closed (at most <see cref="SearchBucketer.MaxCarryChars"/>):
/// it opens the next bucket, so a word printed across a flush is indexed whole. Kept with the progress so a restart
/// resumes with it.</summary>
internal readonly record struct SearchCarry(string Text, long OffsetMs)
{
    public static SearchCarry None { get; } = new("", 0);
}
