namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    private const int MaxParams = 32;
    private const int OscPrefixChars = 8;
    private const int MaxPendingChars = 1024;

    private readonly int[] _params = new int[MaxParams * 2];
    private readonly bool[] _isSubParam = new bool[MaxParams * 2];
    private int _paramCount;
    private int _collect;
    private readonly char[] _oscBuffer;
    private int _oscLength;
    private readonly char[] _pending = new char[MaxPendingChars];
    private int _pendingLength;

    /// <summary>
    /// Keeps the text of the sequence under way (since the parser left the ground state), so a snapshot can end with
    /// it and the live output that follows completes it in the client exactly as it completes it here.
    /// </summary>
    private void Track(char c)
    {
        if (_state == ParserState.Ground)
        {
            _pendingLength = 0;
        }
        else if (c < 0x20 && c != 0x1B)
        {
            // A control inside a sequence was executed already (it is in the model); replaying it would repeat it.
        }
        else if (_pendingLength < _pending.Length)
        {
            _pending[_pendingLength++] = c;
        }
    }

    /// <summary>
    /// The unfinished sequence to end a snapshot with. One longer than the bound (a huge OSC or DCS string) is cut:
    /// its start still puts the client's parser in the same kind of string, which then swallows the rest.
    /// </summary>
    internal string PendingSequence()
    {
        var pending = new string(_pending, 0, _pendingLength);
        return _highSurrogate == '\0' ? pending : pending + _highSurrogate;
    }

    private void EnterCsi(ParserState state)
    {
        _state = state;
        _collect = 0;
        _paramCount = 1;
        _params[0] = 0;
        _isSubParam[0] = false;
    }

    private void AddParamChar(int code)
    {
        if (code == ';')
        {
            if (_paramCount < _params.Length)
            {
                _params[_paramCount] = 0;
                _isSubParam[_paramCount++] = false;
            }
        }
        else if (code == ':')
        {
            if (_paramCount < _params.Length)
            {
                _params[_paramCount] = -1;
                _isSubParam[_paramCount++] = true;
            }
        }
        else if (code is >= '0' and <= '9')
        {
            ref var value = ref _params[_paramCount - 1];
            var digit = code - '0';
            value = value < 0 ? digit : value > (int.MaxValue - digit) / 10 ? int.MaxValue : (value * 10) + digit;
        }
    }

    /// <summary>Parameter <paramref name="index"/> among the non-sub parameters (0 when absent).</summary>
    private int Param(int index)
    {
        for (var i = 0; i < _paramCount; i++)
        {
            if (_isSubParam[i])
            {
                continue;
            }

            if (index-- == 0)
            {
                return Math.Max(0, _params[i]);
            }
        }

        return 0;
    }

    private int ParamCount()
    {
        var count = 0;
        for (var i = 0; i < _paramCount; i++)
        {
            if (!_isSubParam[i])
            {
                count++;
            }
        }

        return count;
    }

    private void EnterOsc()
    {
        _state = ParserState.OscString;
        _oscLength = 0;
        _joinState = 0;
    }

    private void EndOsc()
    {
        // OSC 0 and 2 set the window title; the rest (colours, hyperlinks, clipboard) are not restored.
        var osc = _oscBuffer.AsSpan(0, _oscLength);
        _oscLength = 0;
        if (osc.Length >= 2 && osc[1] == ';' && osc[0] is '0' or '2')
        {
            var title = osc[2..];
            title = title[..Math.Min(title.Length, _title.Length)];
            title.CopyTo(_title);
            _titleLength = title.Length;
        }
    }
}
