using System.Buffers.Binary;
using Meridian.Protocol;

namespace Meridian.Core.Nts;

/// <summary>
/// The client's side of an NTS-protected exchange (RFC 8915 §5.7), for the NTS client and the
/// tests: a request with unique id, cookie, placeholders and authenticator; the reply checked
/// (unique id echoed, authenticator verified under S2C) and its cookies read.
/// </summary>
public static class NtsClientPacket
{
    /// <summary>
    /// Writes a request after the 48-byte client header already in <paramref name="packet"/>;
    /// returns its length. <paramref name="c2s"/> is keyed with the C2S key.
    /// </summary>
    public static int WriteRequest(Span<byte> packet, ReadOnlySpan<byte> uniqueId, ReadOnlySpan<byte> cookie, int placeholders, AesSivCmac c2s, ReadOnlySpan<byte> nonce)
    {
        int position = NtpHeader.Size;
        position += ExtensionFieldWriter.Write(packet[position..], NtsFieldType.UniqueIdentifier, uniqueId);
        position += ExtensionFieldWriter.Write(packet[position..], NtsFieldType.Cookie, cookie);
        for (int i = 0; i < placeholders; i++)
        {
            int length = ExtensionFieldWriter.WriteHeader(packet[position..], NtsFieldType.CookiePlaceholder, cookie.Length);
            packet.Slice(position + ExtensionFieldWriter.HeaderLength, cookie.Length).Clear();
            position += length;
        }

        int field = NtsAuthenticatorField.WriteFrame(packet[position..], nonce, AesSivCmac.TagLength, out int sealedOffset);
        c2s.Seal(packet[..position], nonce, [], packet.Slice(position + sealedOffset, AesSivCmac.TagLength));
        return position + field;
    }

    /// <summary>
    /// Checks a reply: the unique id is echoed and the authenticator verifies under <paramref name="s2c"/>
    /// (keyed with the S2C key). The decrypted fields go to <paramref name="plaintext"/>; their length is returned, or -1.
    /// </summary>
    public static int TryOpenReply(ReadOnlySpan<byte> reply, ReadOnlySpan<byte> uniqueId, AesSivCmac s2c, Span<byte> plaintext)
    {
        if (reply.Length <= NtpHeader.Size)
        {
            return -1;
        }

        var reader = new ExtensionFieldReader(reply[NtpHeader.Size..], 16);
        int position = NtpHeader.Size;
        bool echoed = false;
        while (reader.TryReadNext(out ExtensionField field))
        {
            if (field.Type == NtsFieldType.UniqueIdentifier)
            {
                echoed = field.Value.SequenceEqual(uniqueId);
            }
            else if (field.Type == NtsFieldType.Authenticator
                && NtsAuthenticatorField.TryRead(field.Value, out ReadOnlySpan<byte> nonce, out ReadOnlySpan<byte> ciphertext)
                && echoed
                && s2c.TryOpen(reply[..position], nonce, ciphertext, plaintext))
            {
                return ciphertext.Length - AesSivCmac.TagLength;
            }

            position += ExtensionFieldWriter.HeaderLength + field.Value.Length;
        }

        return -1;
    }

    /// <summary>The cookies among decrypted fields, in order.</summary>
    public static List<byte[]> Cookies(ReadOnlySpan<byte> fields)
    {
        var cookies = new List<byte[]>();
        while (fields.Length >= ExtensionFieldWriter.HeaderLength)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(fields[2..]);
            if (length < ExtensionFieldWriter.HeaderLength || length > fields.Length)
            {
                break;
            }

            if (BinaryPrimitives.ReadUInt16BigEndian(fields) == NtsFieldType.Cookie)
            {
                cookies.Add(fields[ExtensionFieldWriter.HeaderLength..length].ToArray());
            }

            fields = fields[length..];
        }

        return cookies;
    }
}
