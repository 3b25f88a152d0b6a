using System.Text;

namespace Bastion.Tests.Audit;

/// <summary>
/// The events <see cref="RecordingGoldenTests"/> records: output given as bytes is cut into reads and decoded with one
/// stateful UTF-8 decoder, as the output pump does (a character split across reads is carried over, invalid bytes
/// become U+FFFD); output given as text (lone surrogates) goes to the tap as is. Deterministic (fixed seeds).
/// </summary>
internal static class GoldenScript
{
    public readonly record struct Step(char Kind, string Text, int Cols = 0, int Rows = 0);

    public static IEnumerable<Step> Steps()
    {
        var decoder = new UTF8Encoding(false).GetDecoder();
        IEnumerable<Step> Bytes(params byte[][] reads)
        {
            foreach (var read in reads)
            {
                var chars = new char[read.Length + 4];
                var n = decoder.GetChars(read, 0, read.Length, chars, 0, flush: false);
                if (n > 0)
                {
                    yield return new Step('o', new string(chars, 0, n));
                }
            }
        }

        static Step Out(string text) => new('o', text);
        static Step In(string text) => new('i', text);

        yield return Out("Welcome\r\n\u001b[01;32muser@host\u001b[00m:\u001b[01;34m~\u001b[00m$ ");
        yield return In("ls -la\r");
        yield return Out("ls -la\r\n\u001b[0m\u001b[01;34mdir\u001b[0m  \u001b[38;5;208mfile\u001b[0m  \u001b[48;2;1;2;3mrgb\u001b[0m\r\n");
        yield return Out("\u001b]0;user@host: ~\u0007\u001b]2;title with ST\u001b\\$ ");
        yield return In("lss\u007f\u007f\r");
        yield return Out("lss\b \b\b \b\r\n$ ");

        // UTF-8 split across reads: 2, 3 and 4 byte characters cut at every place.
        foreach (var step in Bytes([0x63, 0x61, 0x66, 0xC3], [0xA9, 0x20, 0xE2], [0x82, 0xAC, 0x20, 0xE2, 0x82], [0xAC, 0x20, 0xF0], [0x9F, 0x98, 0x80, 0xF0, 0x9F, 0x98], [0x80, 0xF0, 0x9F], [0x98, 0x80, 0x0D, 0x0A]))
        {
            yield return step;
        }

        // Invalid bytes: stray continuation, 0xFF/0xFE, an overlong NUL, an encoded surrogate, a truncated sequence, and
        // a sequence cut by the end of a read and then broken by the next.
        foreach (var step in Bytes([0x80, 0x41, 0xFF, 0xFE, 0x42], [0xC0, 0x80, 0xED, 0xA0, 0x80, 0x43], [0xE2, 0x82, 0x44, 0xE2], [0x45, 0xF4, 0x90, 0x80, 0x80, 0x0D, 0x0A]))
        {
            yield return step;
        }

        // Lone surrogates straight to the tap (a pump never sends them; the recorder replaces them per event).
        yield return Out("a\uD800b\uDC00c");
        yield return Out("end high \uD83D");
        yield return Out("\uDE00 start low\r\n");
        yield return Out("pair \uD83D\uDE00 ok \uDBFF\uDFFF\r\n");

        // CR/LF mixes.
        yield return Out("a\rb\r\n\n\r\r\nc\n\rd\r\r\r");
        yield return Out("\r\n\r");
        yield return Out("\n");

        // JSON's special characters and controls.
        yield return Out("\"quoted\" back\\slash / <html>&amp;'+`\t tab \u0007 bel \b bs \u007f del \u0000 nul \u001f us \u000b vt \u000c ff\r\n");
        yield return Out("\u0080\u0085\u009b\u009f C1 \u00a0 nbsp \u00ad shy \u2028 \u2029 \u200b\u200d\ufeff\ufffe\uffff \u0378 \ue000 \ufffd\r\n");
        yield return Out("漢字 かな 한글 e\u0301 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u05e2\u05d1 \U0001F468\u200D\U0001F469\u200D\U0001F467 \U000E0001\r\n");

        // Every BMP character but the surrogates, in events of 4,096.
        var all = new StringBuilder();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is < 0xD800 or > 0xDFFF)
            {
                all.Append((char)c);
            }

            if (all.Length == 4096 || c == 0xFFFF)
            {
                yield return Out(all.ToString());
                all.Clear();
            }
        }

        yield return Out("\u001b[0m\u001bc\r\n$ ");

        // A narrow terminal and a long command, echoed with readline's CR at each wrap.
        yield return new Step('r', "", 7, 24);
        var command = "echo " + new string('w', 30);
        yield return In(command + "\r");
        yield return Out(string.Concat(command.Chunk(7).Select(c => new string(c) + " \r")) + "\r\nwwww\r\n$ ");
        yield return new Step('r', "", 120, 40);

        // Lines longer than the writer's pending array, and a line longer than the tracker keeps.
        yield return Out(new string('x', 20_000) + "\r\n");
        yield return Out(string.Concat(Enumerable.Repeat("\u001b[31mred\u001b[0m é ", 9_000)) + "\r\n");

        foreach (var step in Fuzz(new Random(12)))
        {
            yield return step;
        }

        yield return Out("logout\r\n");
    }

    /// <summary>Commands typed and echoed, mixed with colour, edits, split characters and flood-like lines.</summary>
    private static IEnumerable<Step> Fuzz(Random random)
    {
        string[] pieces =
        [
            "\u001b[1;3", "1m", "\u001b[0m", "\u001b[K", "\u001b]0;t\u0007", "\u001b]8;;http://x/\u001b\\", "\u001b", "[", "\r", "\n", "\r\n",
            "\b", "\u007f", "\t", "\u0015", "\u0003", "é", "€", "\U0001F600", "\"", "\\", "$ ", "abc", "0123456789", "  ",
        ];
        var base64 = new byte[90];
        for (var i = 0; i < 400; i++)
        {
            var text = new StringBuilder();
            switch (random.Next(4))
            {
                case 0:
                    var command = $"cmd{i} --flag={random.Next(1000)}";
                    yield return In(command + (random.Next(3) == 0 ? "\u001b[A\u001b[B" : "") + "\r");
                    text.Append("\u001b[01;32mu@h\u001b[00m:~$ ").Append(command).Append("\r\n");
                    break;
                case 1:
                    for (var n = random.Next(1, 5); n > 0; n--)
                    {
                        random.NextBytes(base64);
                        text.Append("\u001b[3").Append(random.Next(8)).Append('m').Append(Convert.ToBase64String(base64)).Append("\r\n");
                    }

                    break;
                default:
                    for (var n = random.Next(1, 30); n > 0; n--)
                    {
                        text.Append(pieces[random.Next(pieces.Length)]);
                    }

                    break;
            }

            yield return new Step('o', text.ToString());
        }

        static Step In(string text) => new('i', text);
    }
}
