using static Meridian.Protocol.Tests.ExtensionFieldTrailer;

namespace Meridian.Protocol.Tests;

public class ExtensionFieldReaderFieldTests
{
    [Fact]
    public void AnEmptyTrailer_HasNoFieldsNoErrorAndNoMac()
    {
        var reader = new ExtensionFieldReader([], maxFields: 4);

        Assert.False(reader.TryReadNext(out _));

        Assert.Equal(ExtensionFieldError.None, reader.Error);
        Assert.Equal(0, reader.Mac.Length);
        Assert.Equal(0, reader.Count);
    }

    [Fact]
    public void ReadsASingleUnknownField_WithItsTypeAnd24ByteValue()
    {
        byte[] trailer = Field(0x7ABC, 28, firstValueByte: 0x10);
        var reader = new ExtensionFieldReader(trailer, maxFields: 4);

        Assert.True(reader.TryReadNext(out ExtensionField field));

        Assert.Equal(0x7ABC, field.Type);
        Assert.Equal(24, field.Value.Length);
        Assert.Equal(trailer[4..], field.Value.ToArray());
        Assert.Equal(0x10, field.Value[0]);
        Assert.Equal(1, reader.Count);
        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(ExtensionFieldError.None, reader.Error);
        Assert.Equal(0, reader.Mac.Length);
    }

    [Fact]
    public void ReadsTwoFields_InOrder()
    {
        byte[] trailer = Concat(Field(0x0104, 36, 0x40), Field(0x0204, 28, 0x80));
        var reader = new ExtensionFieldReader(trailer, maxFields: 4);

        Assert.True(reader.TryReadNext(out ExtensionField first));
        Assert.Equal(0x0104, first.Type);
        Assert.Equal(32, first.Value.Length);
        Assert.Equal(0x40, first.Value[0]);

        Assert.True(reader.TryReadNext(out ExtensionField second));
        Assert.Equal(0x0204, second.Type);
        Assert.Equal(24, second.Value.Length);
        Assert.Equal(0x80, second.Value[0]);

        Assert.False(reader.TryReadNext(out _));
        Assert.Equal(2, reader.Count);
        Assert.Equal(ExtensionFieldError.None, reader.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void TryReadToEnd_CountsEveryField(int fields)
    {
        byte[] trailer = Concat([.. Enumerable.Range(0, fields).Select(i => Field((ushort)i, 16)), Field(0xFFFF, 28)]);
        var reader = new ExtensionFieldReader(trailer, maxFields: 17);

        Assert.True(reader.TryReadToEnd());

        Assert.Equal(fields + 1, reader.Count);
        Assert.Equal(0, reader.Mac.Length);
    }
}
