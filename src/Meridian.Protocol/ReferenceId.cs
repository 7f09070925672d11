using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Meridian.Protocol;

/// <summary>
/// The 32-bit reference identifier (RFC 5905 §7.3): four ASCII characters for stratum 0 (a kiss
/// code) and stratum 1 (a reference source), an IPv4 address or the first four octets of the MD5
/// hash of an IPv6 address for higher strata.
/// </summary>
public readonly record struct ReferenceId(uint Value)
{
    public const int Size = 4;

    public static ReferenceId FromAscii(ReadOnlySpan<char> code)
    {
        if (code.Length is 0 or > 4)
        {
            throw new ArgumentException("a reference id code has 1 to 4 characters", nameof(code));
        }

        uint value = 0;
        for (int i = 0; i < 4; i++)
        {
            char c = i < code.Length ? code[i] : '\0';
            if (c > 0x7E)
            {
                throw new ArgumentException("a reference id code is ASCII", nameof(code));
            }

            value = (value << 8) | c;
        }

        return new ReferenceId(value);
    }

    public static ReferenceId FromIPv4(ReadOnlySpan<byte> address) => new(BinaryPrimitives.ReadUInt32BigEndian(address));

    public static ReferenceId FromIPv6(ReadOnlySpan<byte> address)
    {
        if (address.Length != 16)
        {
            throw new ArgumentException("an IPv6 address has 16 bytes", nameof(address));
        }

        Span<byte> hash = stackalloc byte[MD5.HashSizeInBytes];
#pragma warning disable CA5351 // RFC 5905 §7.3 defines the IPv6 reference id as the first 32 bits of the address's MD5; no secrecy depends on it.
        MD5.HashData(address, hash);
#pragma warning restore CA5351
        return new ReferenceId(BinaryPrimitives.ReadUInt32BigEndian(hash));
    }

    public static ReferenceId Read(ReadOnlySpan<byte> source) => new(BinaryPrimitives.ReadUInt32BigEndian(source));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt32BigEndian(destination, Value);

    /// <summary>The four characters, when every byte is printable ASCII or trailing NUL.</summary>
    public bool TryGetAscii(out string text)
    {
        Span<char> chars = stackalloc char[4];
        int length = 0;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            byte b = (byte)(Value >> shift);
            if (b == 0)
            {
                break;
            }

            if (b is < 0x20 or > 0x7E)
            {
                text = string.Empty;
                return false;
            }

            chars[length++] = (char)b;
        }

        for (int shift = 24 - 8 * length; shift >= 0 && length < 4; shift -= 8)
        {
            if ((byte)(Value >> shift) != 0)
            {
                text = string.Empty;
                return false;
            }
        }

        text = new string(chars[..length]);
        return length > 0;
    }

    public string ToIPv4String() => $"{Value >> 24}.{(Value >> 16) & 0xFF}.{(Value >> 8) & 0xFF}.{Value & 0xFF}";

    public override string ToString() => TryGetAscii(out string text) ? text : ToIPv4String();
}
