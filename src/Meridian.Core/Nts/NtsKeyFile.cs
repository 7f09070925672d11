using System.Globalization;
using System.Text;

namespace Meridian.Core.Nts;

/// <summary>
/// The text of the master-key file in <c>ntsdumpdir</c>: a header line, the rotation interval, then
/// one line per key, newest first: <c>key ID CREATED KEY</c> (id in hex, creation in Unix seconds,
/// the 32-byte key in hex). Parsing is strict: a damaged file is refused as a whole, with the line
/// and the reason, so the edge can warn and start with new keys.
/// </summary>
public static class NtsKeyFile
{
    public const string Header = "meridian-nts-keys 1";

    public static string Format(NtsKeyRing ring)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("# NTS master keys: secret (mode 0600). Every server behind one NTS-KE name needs the same file (docs/operations.md).\n");
        text.Append(CultureInfo.InvariantCulture, $"rotation {ring.RotationSeconds}\n");
        foreach (NtsMasterKey key in ring.Keys)
        {
            text.Append(CultureInfo.InvariantCulture, $"key {key.Id:x8} {key.CreatedUnixSeconds} {Convert.ToHexStringLower(key.Key.Span)}\n");
        }

        return text.ToString();
    }

    /// <summary>Reads a key file; false with "line N: reason" when it is damaged.</summary>
    public static bool TryParse(string text, out NtsKeyRing? ring, out string error)
    {
        ring = null;
        error = "";
        string[] lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r') != Header)
        {
            error = $"line 1: expected '{Header}'";
            return false;
        }

        long? rotation = null;
        var keys = new List<NtsMasterKey>();
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words is ["rotation", var seconds] && long.TryParse(seconds, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed))
            {
                rotation = parsed;
            }
            else if (words is ["key", var id, var created, var hex] && TryParseKey(id, created, hex, out NtsMasterKey? key))
            {
                if (keys.Any(k => k.Id == key!.Id))
                {
                    error = $"line {i + 1}: key id {id} repeated";
                    return false;
                }

                keys.Add(key!);
            }
            else
            {
                error = $"line {i + 1}: not 'rotation SECONDS' or 'key ID CREATED HEX32BYTES'";
                return false;
            }
        }

        if (keys.Count == 0 || rotation is null)
        {
            error = keys.Count == 0 ? "no keys" : "no rotation line";
            return false;
        }

        ring = new NtsKeyRing(keys, rotation.Value);
        return true;
    }

    private static bool TryParseKey(string id, string created, string hex, out NtsMasterKey? key)
    {
        key = null;
        if (!uint.TryParse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint keyId)
            || !long.TryParse(created, NumberStyles.Integer, CultureInfo.InvariantCulture, out long createdAt)
            || hex.Length != 2 * NtsMasterKey.KeyLength)
        {
            return false;
        }

        try
        {
            key = new NtsMasterKey(keyId, Convert.FromHexString(hex), createdAt);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
