using System.Buffers.Binary;

namespace Meridian.Fuzzing;

/// <summary>
/// Mutations of valid inputs, as coverage-blind fuzzers make them: bit flips, byte replacement,
/// insertions, deletions, truncation, duplicated chunks, splices of another input, and 16- or
/// 32-bit fields (mostly aligned, either byte order) set to extremes: 0, 1, the maximum, the sign
/// boundary, and the input's own length give or take one.
/// </summary>
internal static class Mutator
{
    private static readonly byte[] InterestingBytes = [0x00, 0x01, 0x03, 0x04, 0x10, 0x7f, 0x80, 0xfe, 0xff];

    /// <summary>A copy of <paramref name="input"/> with one to <paramref name="maxMutations"/> mutations.</summary>
    public static byte[] Mutate(Random random, byte[] input, int maxMutations = 4, byte[]? other = null)
    {
        var bytes = new List<byte>(input);
        int count = 1 + random.Next(maxMutations);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(random, bytes, other);
        }

        return [.. bytes];
    }

    public static byte[] RandomBytes(Random random, int maxLength)
    {
        byte[] bytes = new byte[random.Next(maxLength + 1)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static void MutateOnce(Random random, List<byte> bytes, byte[]? other)
    {
        int operation = random.Next(10);
        if (bytes.Count == 0 && operation is not (3 or 9))
        {
            operation = 3;
        }

        switch (operation)
        {
            case 0:
                bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes[random.Next(bytes.Count)] = random.Next(2) == 0 ? InterestingBytes[random.Next(InterestingBytes.Length)] : (byte)random.Next(256);
                break;
            case 2 or 3:
                bytes.InsertRange(random.Next(bytes.Count + 1), RandomChunk(random, 1 + random.Next(16)));
                break;
            case 4:
                int start = random.Next(bytes.Count);
                bytes.RemoveRange(start, Math.Min(bytes.Count - start, 1 + random.Next(16)));
                break;
            case 5:
                int keep = random.Next(bytes.Count + 1);
                bytes.RemoveRange(keep, bytes.Count - keep);
                break;
            case 6:
                int from = random.Next(bytes.Count);
                var chunk = bytes.GetRange(from, Math.Min(bytes.Count - from, 1 + random.Next(64)));
                bytes.InsertRange(random.Next(bytes.Count + 1), random.Next(4) == 0 ? Enumerable.Repeat(chunk, 2 + random.Next(3)).SelectMany(c => c) : chunk);
                break;
            case 7 or 8:
                SetExtremeField(random, bytes);
                break;
            case 9:
                if (other is { Length: > 0 })
                {
                    int at = random.Next(other.Length);
                    bytes.InsertRange(random.Next(bytes.Count + 1), other.AsSpan(at, Math.Min(other.Length - at, 1 + random.Next(128))).ToArray());
                }
                else
                {
                    bytes.InsertRange(random.Next(bytes.Count + 1), RandomChunk(random, 1 + random.Next(4)));
                }

                break;
        }
    }

    /// <summary>A 16- or 32-bit field, at an offset aligned to its size three times in four, set to an extreme value.</summary>
    private static void SetExtremeField(Random random, List<byte> bytes)
    {
        int size = random.Next(2) == 0 ? 2 : 4;
        if (bytes.Count < size)
        {
            bytes[random.Next(bytes.Count)] = 0xff;
            return;
        }

        int offset = random.Next(bytes.Count - size + 1);
        if (random.Next(4) != 0)
        {
            offset -= offset % size;
        }

        uint max = size == 2 ? ushort.MaxValue : uint.MaxValue;
        uint value = random.Next(9) switch
        {
            0 => 0,
            1 => 1,
            2 => max,
            3 => max - 1,
            4 => max / 2 + 1,
            5 => max / 2,
            6 => (uint)bytes.Count,
            7 => (uint)bytes.Count + 1,
            _ => (uint)Math.Max(0, bytes.Count - offset + random.Next(-8, 9)),
        } & max;

        Span<byte> field = stackalloc byte[4];
        bool bigEndian = random.Next(2) == 0;
        if (size == 2 && bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)value);
        }
        else if (size == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value);
        }
        else if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(field, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        }

        for (int i = 0; i < size; i++)
        {
            bytes[offset + i] = field[i];
        }
    }

    private static byte[] RandomChunk(Random random, int length)
    {
        byte[] chunk = new byte[length];
        if (random.Next(3) == 0)
        {
            Array.Fill(chunk, InterestingBytes[random.Next(InterestingBytes.Length)]);
        }
        else
        {
            random.NextBytes(chunk);
        }

        return chunk;
    }
}
