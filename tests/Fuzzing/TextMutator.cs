using System.Text;

namespace Meridian.Fuzzing;

/// <summary>
/// Mutations of valid text inputs (configuration files, /proc dumps): whole lines deleted,
/// duplicated, swapped or spliced from another input; tokens deleted, duplicated or replaced by
/// edge values (numbers at and past their limits, NaN, odd addresses, separators); and, one time in
/// four, the byte mutations of <see cref="Mutator"/> on the text's UTF-8.
/// </summary>
internal static class TextMutator
{
    private static readonly string[] EdgeTokens =
    [
        "", "0", "-0", "1", "-1", "+1", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "18446744073709551616",
        "65535", "65536", "1e308", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "0x10", "1.5", ".5", "5.", "1e-400", "٣",
        "0.0.0.0", "255.255.255.255", "::", "::1", "::ffff:127.0.0.1", "fe80::1%eth0", "[::1]", "[::1]:123", "[::1]:", ":123", "1.2.3.4:",
        "1.2.3.4:65536", "10.0.0.0/8", "10.0.0.0/33", "::/0", "/", "//", "#", "\t", "\r", "\0", "é", "\uFEFF", "\u00A0", "src=", "mask",
        "default", "source", "-4", "-6", "stratum", "iburst", "minpoll", "maxpoll", "port", "version", "maxsources",
    ];

    public static string Mutate(Random random, string text, string? other = null, int maxMutations = 4)
    {
        if (random.Next(4) == 0)
        {
            return Encoding.UTF8.GetString(Mutator.Mutate(random, Encoding.UTF8.GetBytes(text), maxMutations, other is null ? null : Encoding.UTF8.GetBytes(other)));
        }

        var lines = text.Split('\n').ToList();
        string[] otherLines = (other ?? text).Split('\n');
        int count = 1 + random.Next(maxMutations);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(random, lines, otherLines);
        }

        return string.Join(random.Next(8) == 0 ? "\r\n" : "\n", lines);
    }

    private static void MutateOnce(Random random, List<string> lines, string[] otherLines)
    {
        if (lines.Count == 0)
        {
            lines.Add(otherLines[random.Next(otherLines.Length)]);
            return;
        }

        int at = random.Next(lines.Count);
        switch (random.Next(8))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(random.Next(lines.Count + 1), lines[at]);
                break;
            case 2:
                int other = random.Next(lines.Count);
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            case 3:
                lines.Insert(random.Next(lines.Count + 1), otherLines[random.Next(otherLines.Length)]);
                break;
            default:
                lines[at] = MutateTokens(random, lines[at]);
                break;
        }
    }

    private static string MutateTokens(Random random, string line)
    {
        var tokens = line.Split(' ').ToList();
        int at = random.Next(tokens.Count);
        switch (random.Next(6))
        {
            case 0:
                tokens.RemoveAt(at);
                break;
            case 1:
                tokens.Insert(random.Next(tokens.Count + 1), tokens[at]);
                break;
            case 2:
                tokens.Insert(random.Next(tokens.Count + 1), EdgeTokens[random.Next(EdgeTokens.Length)]);
                break;
            case 3:
                tokens[at] = MutateCharacters(random, tokens[at]);
                break;
            default:
                tokens[at] = EdgeTokens[random.Next(EdgeTokens.Length)];
                break;
        }

        return string.Join(' ', tokens);
    }

    /// <summary>A token with a character changed, removed, doubled or a digit or separator inserted.</summary>
    private static string MutateCharacters(Random random, string token)
    {
        var text = new StringBuilder(token);
        int at = random.Next(text.Length + 1);
        switch (random.Next(4))
        {
            case 0 when text.Length > 0:
                text.Remove(Math.Min(at, text.Length - 1), 1);
                break;
            case 1 when text.Length > 0:
                text.Insert(at, text[Math.Min(at, text.Length - 1)]);
                break;
            case 2:
                text.Insert(at, "0123456789.:/-[]%e"[random.Next(18)]);
                break;
            default:
                text.Insert(at, (char)random.Next(0x20, 0x7f));
                break;
        }

        return text.ToString();
    }
}
