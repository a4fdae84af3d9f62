using CXGear.Api.DataTables;
using CXGear.Domain.Common;
using Microsoft.Extensions.Time.Testing;

namespace CXGear.Api.Tests.DataTables;

/// <summary>The spool on its own: the size cap, what it hands the handler, and that its file never outlives it.</summary>
public sealed class SpooledUploadTests
{
    private const long Cap = 1000;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Path.Combine(Path.GetTempPath(), "cxgear-tests", "spool-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteDirectory()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public async Task A_body_at_the_cap_is_received_whole_and_read_from_its_start_until_disposed()
    {
        var bytes = Enumerable.Range(0, (int)Cap).Select(i => (byte)i).ToArray();
        var upload = Spool(bytes);

        await upload.ReceiveAsync(CancellationToken.None);
        using var copy = new MemoryStream();
        await upload.OpenRead().CopyToAsync(copy);
        var files = Directory.GetFiles(_directory);
        await upload.DisposeAsync();

        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
        Assert.That(files.Select(Path.GetFileName), Has.One.StartsWith(SpooledUpload.FilePrefix));
        Assert.That(Directory.GetFiles(_directory), Is.Empty, "disposing deletes the file");
        Assert.That(() => upload.OpenRead(), Throws.InvalidOperationException);
    }

    [Test]
    public async Task A_body_over_the_cap_is_413_and_leaves_no_file()
    {
        await using var upload = Spool(new byte[Cap + 1]);

        var error = await Assert.ThrowsAsync<CXGearException>(() => upload.ReceiveAsync(CancellationToken.None));

        Assert.That(error!.Code, Is.EqualTo(ErrorCodes.PayloadTooLarge));
        Assert.That(Directory.GetFiles(_directory), Is.Empty, "deleted at the failure, before the request ends");
    }

    [Test]
    public void The_handler_cannot_read_an_upload_that_was_not_received()
    {
        var upload = Spool(new byte[10]);

        Assert.That(() => upload.OpenRead(), Throws.InvalidOperationException);
    }

    private SpooledUpload Spool(byte[] body) =>
        new(_ => Task.FromResult<Stream>(new MemoryStream(body)), Cap, _directory, TimeSpan.FromMinutes(10), new FakeTimeProvider());
}
