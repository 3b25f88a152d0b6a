namespace Bastion.Core.Recording.Search;

/// <summary>
/// The lines kept so far in one row (<see cref="SearchTextFilter"/>), to leave out a line that repeats one of them: an
/// open-addressed table of the lines' hashes, each entry compared by its text on a match (a hash alone could drop a
/// line that only shares it). The lines are spans of the row being filtered, so nothing is copied. Memory: the table
/// grows to twice the lines of the largest row and is kept, cleared, for the next row.
/// </summary>
internal sealed class RepeatedLines
{
    private int[] _slots = [];
    private int[] _starts = [];
    private int[] _lengths = [];
    private int _count;
    private int _mask;

    /// <summary>Begins a row of at most <paramref name="lines"/> lines.</summary>
    public void Start(int lines)
    {
        var size = 16;
        while (size < 2 * lines)
        {
            size *= 2;
        }

        if (_slots.Length < size)
        {
            _slots = new int[size];
            _starts = new int[size / 2];
            _lengths = new int[size / 2];
        }
        else
        {
            Array.Clear(_slots, 0, size);
        }

        _mask = size - 1;
        _count = 0;
    }

    /// <summary>Whether the line <c>row[start..start + length]</c> is one already kept; if not, it is kept.</summary>
    public bool Seen(ReadOnlySpan<char> row, int start, int length)
    {
        var line = row.Slice(start, length);
        var slot = string.GetHashCode(line) & _mask;
        while (_slots[slot] != 0)
        {
            var other = _slots[slot] - 1;
            if (row.Slice(_starts[other], _lengths[other]).SequenceEqual(line))
            {
                return true;
            }

            slot = (slot + 1) & _mask;
        }

        if (_count >= _starts.Length)
        {
            return false; // more lines than the row was started for: kept, not remembered
        }

        _starts[_count] = start;
        _lengths[_count] = length;
        _slots[slot] = ++_count;
        return false;
    }
}
