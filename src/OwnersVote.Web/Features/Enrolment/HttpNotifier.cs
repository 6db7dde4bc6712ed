using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace OwnersVote.Web.Features.Enrolment;

/// <summary>
/// POSTs each notice as JSON (<see cref="OwnerNotice"/>, camelCase) to the SMS/WeChat template
/// gateway at <c>Notifications:HttpUrl</c>, with <c>Authorization: Bearer</c> when a token is set.
/// Any 2xx answer means handed over; anything else, or no answer in time, is a
/// <see cref="NotifierException"/>.
/// </summary>
public sealed class HttpNotifier(HttpClient http, IOptions<NotificationOptions> options) : INotifier
{
    /// <inheritdoc />
    public async Task NotifyAsync(OwnerNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        NotificationOptions settings = options.Value;
        Uri url = settings.HttpUrl ?? throw new InvalidOperationException("Notifications:Sender is Http but Notifications:HttpUrl is not set.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(notice, options: JsonSerializerOptions.Web),
        };
        if (settings.HttpToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.HttpTimeout);
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new NotifierException($"The notification gateway {url.GetLeftPart(UriPartial.Authority)} answered {(int)response.StatusCode}.");
            }
        }
        catch (HttpRequestException e)
        {
            throw new NotifierException($"The notification gateway {url.GetLeftPart(UriPartial.Authority)} could not be reached.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotifierException($"The notification gateway {url.GetLeftPart(UriPartial.Authority)} did not answer within {settings.HttpTimeout}.", e);
        }
    }
}
