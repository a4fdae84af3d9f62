using CXGear.Application.Common.Abstractions;

namespace CXGear.Infrastructure.Email;

/// <summary>Writes each mail as an <c>.eml</c> file: local development, tests, and hand-off to a relay that watches a folder.</summary>
internal sealed class PickupDirectoryEmailSender(string directory, string from) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var mime = MimeMessages.Build(message, from);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");

        // Write under a temporary name and rename, so a watcher never picks up half a file.
        var temporary = path + ".tmp";
        await mime.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, path);
    }
}
