namespace Bastion.Core.Screen;

internal sealed partial class ScreenTracker
{
    private ParserState _state;
    private char _highSurrogate;

    // xterm.js's precedingJoinState: width << 1 | joins, of the last printed character; 0 after anything else.
    private int _joinState;

    private void Feed(char c)
    {
        if (_highSurrogate != '\0')
        {
            var high = _highSurrogate;
            _highSurrogate = '\0';
            if (char.IsLowSurrogate(c))
            {
                Process(char.ConvertToUtf32(high, c));
                Track(high);
                Track(c);
                return;
            }

            Process(high);
            Track(high);
        }

        if (char.IsHighSurrogate(c))
        {
            _highSurrogate = c;
            return;
        }

        Process(c);
        Track(c);
    }

    private void Process(int code)
    {
        if (code >= 0x20 && code < 0x7F && _state == ParserState.Ground)
        {
            Print(code);
            return;
        }

        // Transitions from any state (xterm.js's VT500_TRANSITION_TABLE): CAN and SUB abort, ESC starts over,
        // 8-bit C1 controls introduce their sequences.
        switch (code)
        {
            case 0x18 or 0x1A:
                if (_state == ParserState.OscString)
                {
                    _oscLength = 0;
                }

                _state = ParserState.Ground;
                _joinState = 0;
                return;
            case 0x1B:
                if (_state == ParserState.OscString)
                {
                    EndOsc();
                }

                _state = ParserState.Escape;
                _collect = 0;
                return;
            case 0x9B:
                EnterCsi(ParserState.CsiEntry);
                return;
            case 0x9D:
                EnterOsc();
                return;
            case 0x90:
                EnterCsi(ParserState.DcsEntry);
                return;
            case 0x98 or 0x9E or 0x9F:
                _state = ParserState.SosPmApcString;
                _joinState = 0;
                return;
            case 0x9C:
                if (_state == ParserState.OscString)
                {
                    EndOsc();
                }

                _state = ParserState.Ground;
                _joinState = 0;
                return;
            case >= 0x80 and < 0xA0:
                ExecuteC1(code);
                _state = ParserState.Ground;
                _joinState = 0;
                return;
        }

        switch (_state)
        {
            case ParserState.Ground:
                if (code < 0x20)
                {
                    Execute(code);
                }
                else if (code != 0x7F)
                {
                    Print(code);
                }

                return;
            case ParserState.Escape:
            case ParserState.EscapeIntermediate:
                ProcessEscape(code);
                return;
            case ParserState.CsiEntry:
            case ParserState.CsiParam:
            case ParserState.CsiIntermediate:
            case ParserState.CsiIgnore:
                ProcessCsi(code);
                return;
            case ParserState.OscString:
                if (code == 0x07)
                {
                    EndOsc();
                    _state = ParserState.Ground;
                }
                else if (code >= 0x20 && _oscLength < _oscBuffer.Length)
                {
                    _oscBuffer[_oscLength++] = code <= 0xFFFF ? (char)code : '\uFFFD';
                }

                return;
            case ParserState.DcsEntry:
            case ParserState.DcsParam:
            case ParserState.DcsIntermediate:
            case ParserState.DcsIgnore:
                ProcessDcsHeader(code);
                return;
            default:
                // DCS passthrough and SOS/PM/APC strings: nothing in them changes the screen; they end at ST.
                return;
        }
    }

    private void ProcessEscape(int code)
    {
        if (code < 0x20)
        {
            Execute(code);
            return;
        }

        if (code >= 0xA0)
        {
            _state = ParserState.Ground;
            return;
        }

        if (code is >= 0x20 and <= 0x2F)
        {
            _collect = (_collect << 8) | code;
            _state = ParserState.EscapeIntermediate;
            return;
        }

        if (code == 0x7F)
        {
            return;
        }

        if (_state == ParserState.Escape)
        {
            switch (code)
            {
                case '[':
                    EnterCsi(ParserState.CsiEntry);
                    return;
                case ']':
                    EnterOsc();
                    return;
                case 'P':
                    EnterCsi(ParserState.DcsEntry);
                    return;
                case 'X' or '^' or '_':
                    _state = ParserState.SosPmApcString;
                    return;
            }
        }

        _state = ParserState.Ground;
        EscDispatch(_collect, code);
    }

    private void ProcessCsi(int code)
    {
        if (code < 0x20)
        {
            Execute(code);
            return;
        }

        if (code is 0x7F)
        {
            return;
        }

        if (code >= 0xA0)
        {
            _state = ParserState.Ground;
            return;
        }

        if (code is >= 0x40 and <= 0x7E)
        {
            var dispatch = _state != ParserState.CsiIgnore;
            _state = ParserState.Ground;
            if (dispatch)
            {
                CsiDispatch(_collect, code);
            }

            // After the dispatch, as xterm.js does: REP (CSI b) reads the character printed before it.
            _joinState = 0;

            return;
        }

        if (_state == ParserState.CsiIgnore)
        {
            return;
        }

        if (code is >= 0x20 and <= 0x2F)
        {
            _collect = (_collect << 8) | code;
            _state = ParserState.CsiIntermediate;
        }
        else if (_state == ParserState.CsiIntermediate)
        {
            _state = ParserState.CsiIgnore;
        }
        else if (code is >= 0x3C and <= 0x3F)
        {
            if (_state == ParserState.CsiEntry)
            {
                _collect = (_collect << 8) | code;
                _state = ParserState.CsiParam;
            }
            else
            {
                _state = ParserState.CsiIgnore;
            }
        }
        else
        {
            AddParamChar(code);
            _state = ParserState.CsiParam;
        }
    }

    private void ProcessDcsHeader(int code)
    {
        // The header is parsed only to find where the string starts; no DCS changes the screen.
        if (code < 0x20 || code == 0x7F)
        {
            return;
        }

        _state = code is >= 0x40 and <= 0x7E ? ParserState.DcsPassthrough : ParserState.DcsParam;
    }


}
