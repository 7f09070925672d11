namespace Meridian.Protocol;

/// <summary>
/// Reads an NTS-protected client request (RFC 8915 §5.7): exactly one Unique Identifier of at least
/// 32 bytes, exactly one NTS Cookie, placeholders as long as the cookie, and the Authenticator as
/// the last field with no MAC after it. Other fields are allowed (they are authenticated and
/// ignored). Anything else is malformed.
/// </summary>
public static class NtsRequestReader
{
    public const int MinUniqueIdentifierLength = 32;

    public static bool TryRead(ReadOnlySpan<byte> packet, int maxFields, out NtsRequest request)
    {
        request = default;
        if (packet.Length <= NtpHeader.Size)
        {
            return false;
        }

        var reader = new ExtensionFieldReader(packet[NtpHeader.Size..], maxFields);
        ReadOnlySpan<byte> unique = default, cookie = default, nonce = default, ciphertext = default;
        int uniques = 0, cookies = 0, placeholders = 0, placeholderLength = -1, position = NtpHeader.Size, authenticatorOffset = -1;
        while (reader.TryReadNext(out ExtensionField field))
        {
            if (authenticatorOffset >= 0)
            {
                return false; // the authenticator must be the last field
            }

            switch (field.Type)
            {
                case NtsFieldType.UniqueIdentifier:
                    uniques++;
                    unique = field.Value;
                    break;
                case NtsFieldType.Cookie:
                    cookies++;
                    cookie = field.Value;
                    break;
                case NtsFieldType.CookiePlaceholder:
                    if (placeholderLength >= 0 && placeholderLength != field.Value.Length)
                    {
                        return false;
                    }

                    placeholderLength = field.Value.Length;
                    placeholders++;
                    break;
                case NtsFieldType.Authenticator:
                    if (!NtsAuthenticatorField.TryRead(field.Value, out nonce, out ciphertext))
                    {
                        return false;
                    }

                    authenticatorOffset = position;
                    break;
            }

            position += ExtensionFieldWriter.HeaderLength + field.Value.Length;
        }

        if (reader.Error != ExtensionFieldError.None || !reader.Mac.IsEmpty || authenticatorOffset < 0
            || uniques != 1 || unique.Length < MinUniqueIdentifierLength || cookies != 1
            || (placeholderLength >= 0 && placeholderLength != cookie.Length))
        {
            return false;
        }

        request = new NtsRequest
        {
            UniqueIdentifier = unique,
            Cookie = cookie,
            Placeholders = placeholders,
            AuthenticatorOffset = authenticatorOffset,
            Nonce = nonce,
            Ciphertext = ciphertext,
        };
        return true;
    }
}
