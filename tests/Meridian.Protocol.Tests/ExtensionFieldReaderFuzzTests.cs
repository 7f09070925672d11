using System.Buffers.Binary;
using Meridian.Fuzzing;

namespace Meridian.Protocol.Tests;

/// <summary>
/// The extension-field reader over random trailers and mutations of valid ones (fields of known and
/// unknown types, with and without a MAC): it never throws, reads at most its bound of fields, every
/// field is a well-formed slice of the trailer in order, the MAC is 4, 20 or 24 bytes at the very
/// end, an error is final, and reading one field at a time agrees with reading to the end.
/// Set MERIDIAN_SEED to replay a failure, MERIDIAN_FUZZ_SCALE to run more cases.
/// </summary>
public class ExtensionFieldReaderFuzzTests
{
    private static readonly ushort[] FieldTypes = [0x0104, 0x0204, 0x0304, 0x0404, 0x8104, 0x7A7A, 0x0000, 0xFFFF];
    private static readonly int[] MacLengths = [0, 0, 4, 20, 24];

    [Fact]
    [Trait("Category", "Fuzz")]
    public void NeverThrows_AndReadsOnlyWellFormedFieldsInsideTheTrailer_ForRandomAndMutatedTrailers()
    {
        var run = FuzzRun.Start(defaultSeed: 20261201, defaultCases: 150_000);
        byte[] previous = ValidTrailer(run.Random);
        for (int i = 0; i < run.Cases; i++)
        {
            byte[] valid = ValidTrailer(run.Random);
            byte[] trailer = run.Random.Next(10) switch
            {
                0 => Mutator.RandomBytes(run.Random, 160),
                1 => valid,
                _ => Mutator.Mutate(run.Random, valid, other: previous),
            };
            int maxFields = run.Random.Next(0, 9);
            run.Check(i, trailer, () => AssertReaderInvariants(trailer, maxFields));
            previous = valid;
        }
    }

    private static void AssertReaderInvariants(byte[] trailer, int maxFields)
    {
        var reader = new ExtensionFieldReader(trailer, maxFields);
        int end = 0;
        while (reader.TryReadNext(out ExtensionField field))
        {
            // A field is the 4-byte header at the end of the previous one, then its value, inside the trailer.
            Assert.True(trailer.AsSpan().Overlaps(field.Value, out int valueOffset), "the field's value is not a slice of the trailer");
            Assert.Equal(end + 4, valueOffset);
            int length = field.Value.Length + 4;
            Assert.True(valueOffset + field.Value.Length <= trailer.Length, "the field runs past the trailer");
            Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(trailer.AsSpan(end + 2)), length);
            Assert.Equal(BinaryPrimitives.ReadUInt16BigEndian(trailer.AsSpan(end)), field.Type);
            Assert.True(length >= ExtensionFieldReader.MinFieldLength && length % 4 == 0, $"a field of {length} bytes was read");
            end += length;
            Assert.True(reader.Count <= maxFields, $"{reader.Count} fields read with a bound of {maxFields}");
        }

        int count = reader.Count;
        ExtensionFieldError error = reader.Error;
        int macLength = reader.Mac.Length;
        Assert.True(macLength is 0 or 4 or 20 or 24, $"a MAC of {macLength} bytes");
        if (error == ExtensionFieldError.None)
        {
            Assert.Equal(trailer.Length, end + macLength);
            Assert.True(macLength == 0 || trailer.AsSpan().Overlaps(reader.Mac, out int macOffset) && macOffset == end, "the MAC is not the trailer's last bytes");
        }
        else
        {
            Assert.Equal(0, macLength);
            AssertErrorDescribes(trailer, end, count, maxFields, error);
        }

        // An error (or the end) is final: further reads return nothing and change nothing.
        for (int again = 0; again < 2; again++)
        {
            Assert.False(reader.TryReadNext(out _));
            Assert.Equal(error, reader.Error);
            Assert.Equal(count, reader.Count);
            Assert.Equal(macLength, reader.Mac.Length);
        }

        var whole = new ExtensionFieldReader(trailer, maxFields);
        Assert.Equal(error == ExtensionFieldError.None, whole.TryReadToEnd());
        Assert.Equal(error, whole.Error);
        Assert.Equal(count, whole.Count);
        Assert.Equal(macLength, whole.Mac.Length);
    }

    /// <summary>The error is about the bytes where reading stopped.</summary>
    private static void AssertErrorDescribes(byte[] trailer, int end, int count, int maxFields, ExtensionFieldError error)
    {
        int remaining = trailer.Length - end;
        Assert.True(remaining > 0, $"{error} with nothing left to read");
        if (error == ExtensionFieldError.BadMacLength)
        {
            Assert.True(remaining <= ExtensionFieldReader.MaxMacLength && remaining is not (4 or 20 or 24), $"BadMacLength for a remainder of {remaining} bytes");
            return;
        }

        Assert.True(remaining > ExtensionFieldReader.MaxMacLength, $"{error} for a remainder of {remaining} bytes");
        int declared = BinaryPrimitives.ReadUInt16BigEndian(trailer.AsSpan(end + 2));
        bool justified = error switch
        {
            ExtensionFieldError.LengthTooSmall => declared < ExtensionFieldReader.MinFieldLength,
            ExtensionFieldError.LengthNotAligned => declared % 4 != 0,
            ExtensionFieldError.BeyondDatagram => declared > remaining,
            ExtensionFieldError.TooMany => count == maxFields,
            _ => false,
        };
        Assert.True(justified, $"{error} for a field declaring {declared} bytes with {remaining} left after {count} fields");
    }

    /// <summary>Zero to four fields (the last at least 28 bytes when no MAC follows, RFC 7822 §7.5) and maybe a MAC.</summary>
    private static byte[] ValidTrailer(Random random)
    {
        int fields = random.Next(0, 5);
        int mac = MacLengths[random.Next(MacLengths.Length)];
        var bytes = new List<byte>();
        for (int f = 0; f < fields; f++)
        {
            int length = 16 + 4 * random.Next(0, 16);
            if (f == fields - 1 && mac == 0)
            {
                length = Math.Max(length, 28);
            }

            byte[] field = new byte[length];
            random.NextBytes(field);
            BinaryPrimitives.WriteUInt16BigEndian(field, FieldTypes[random.Next(FieldTypes.Length)]);
            BinaryPrimitives.WriteUInt16BigEndian(field.AsSpan(2), (ushort)length);
            bytes.AddRange(field);
        }

        byte[] macBytes = new byte[mac];
        random.NextBytes(macBytes);
        bytes.AddRange(macBytes);
        return [.. bytes];
    }
}
