using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Meridian.Protocol;

namespace Meridian.Core.Leap;

/// <summary>
/// Parses <c>leap-seconds.list</c> text (the edge reads the file). The format: <c>#$ NTPSECONDS</c> last
/// update, <c>#@ NTPSECONDS</c> expiry, data lines <c>NTPSECONDS TAI-UTC [# comment]</c>, <c>#h</c> five
/// hexadecimal words of the SHA-1 of the digits of the update time, the expiry and every data line's
/// two numbers, in file order, without whitespace; other <c>#</c> lines are comments. Never throws on
/// content: damaged lines become <see cref="LeapFileProblem"/>s.
/// </summary>
public static class LeapFileParser
{
    public static LeapFile Parse(string text)
    {
        NtpTimestamp? updated = null, expires = null;
        uint[]? hash = null;
        bool hashMalformed = false;
        var entries = new List<LeapEntry>();
        var problems = new List<LeapFileProblem>();
        var digits = new StringBuilder();
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            int number = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.StartsWith("#$", StringComparison.Ordinal) || line.StartsWith("#@", StringComparison.Ordinal))
            {
                if (!TryNumber(line[2..].Trim(), out ulong seconds))
                {
                    problems.Add(new LeapFileProblem(number, $"'{line[..2]}' needs one NTP time in seconds"));
                    continue;
                }

                digits.Append(seconds.ToString(CultureInfo.InvariantCulture));
                if (line[1] == '$')
                {
                    updated = Timestamp(seconds);
                }
                else
                {
                    expires = Timestamp(seconds);
                }
            }
            else if (line.StartsWith("#h", StringComparison.Ordinal))
            {
                hash = ParseHash(line[2..]);
                hashMalformed = hash is null;
                if (hashMalformed)
                {
                    problems.Add(new LeapFileProblem(number, "'#h' needs five hexadecimal 32-bit words"));
                }
            }
            else if (!line.StartsWith('#') && line.Trim().Length > 0)
            {
                ReadDataLine(line, number, entries, problems, digits);
            }
        }

        if (expires is null)
        {
            problems.Add(new LeapFileProblem(0, "no '#@' expiry line"));
        }

        LeapHashCheck check = hashMalformed ? LeapHashCheck.Malformed
            : hash is null ? LeapHashCheck.Missing
            : Sha1Words(digits.ToString()).SequenceEqual(hash) ? LeapHashCheck.Verified
            : LeapHashCheck.Mismatch;
        return new LeapFile(updated, expires, entries, check, problems);
    }

    private static void ReadDataLine(string line, int number, List<LeapEntry> entries, List<LeapFileProblem> problems, StringBuilder digits)
    {
        int comment = line.IndexOf('#', StringComparison.Ordinal);
        string[] fields = (comment >= 0 ? line[..comment] : line).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 2 || !TryNumber(fields[0], out ulong seconds) || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int offset))
        {
            problems.Add(new LeapFileProblem(number, "a data line is 'NTPSECONDS TAI-UTC' (two unsigned integers)"));
            return;
        }

        var entry = new LeapEntry(Timestamp(seconds), offset, number);
        if (entries.Count > 0 && entry.At.SecondsSince(entries[^1].At) <= 0)
        {
            problems.Add(new LeapFileProblem(number, "the times of the data lines must increase"));
            return;
        }

        if (seconds % LeapCalendar.SecondsPerDay != 0)
        {
            problems.Add(new LeapFileProblem(number, "a leap takes effect at 00:00:00 UTC: the time must be a whole number of days"));
            return;
        }

        digits.Append(fields[0]).Append(fields[1]);
        entries.Add(entry);
    }

    private static bool TryNumber(string text, out ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= uint.MaxValue;

    private static NtpTimestamp Timestamp(ulong seconds) => new(seconds << 32);

    private static uint[]? ParseHash(string text)
    {
        string[] words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var hash = new uint[5];
        if (words.Length != hash.Length)
        {
            return null;
        }

        for (int i = 0; i < words.Length; i++)
        {
            // Some published files drop the leading zeros of a word.
            if (words[i].Length > 8 || !uint.TryParse(words[i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash[i]))
            {
                return null;
            }
        }

        return hash;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "The leap file format defines its check as SHA-1; it detects damage, it does not authenticate.")]
    private static uint[] Sha1Words(string digits)
    {
        byte[] sum = SHA1.HashData(Encoding.ASCII.GetBytes(digits));
        return Enumerable.Range(0, 5).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(sum.AsSpan(i * 4))).ToArray();
    }
}
