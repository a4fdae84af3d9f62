using System.Text.RegularExpressions;
using System.Web;
using MimeKit;

namespace CXGear.Api.Tests.Infrastructure;

/// <summary>Reads the .eml files the API wrote to its pickup folder.</summary>
public static partial class Mailbox
{
    public static async Task<MimeMessage?> WaitForAsync(string directory, string to, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var found = Read(directory).FirstOrDefault(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)));
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50);
        }

        return null;
    }

    public static IReadOnlyList<MimeMessage> Read(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*.eml").Select(f => MimeMessage.Load(f)).ToList()
            : [];

    /// <summary>The reset link's email and token, as the web app would read them from its query string.</summary>
    public static (string Link, string Email, string Token) ResetLink(MimeMessage message)
    {
        var link = LinkPattern().Match(message.TextBody ?? string.Empty).Value;
        var query = HttpUtility.ParseQueryString(new Uri(link).Query);
        return (link, query["email"]!, query["token"]!);
    }

    [GeneratedRegex(@"https?://\S+/reset-password\?\S+")]
    private static partial Regex LinkPattern();
}
