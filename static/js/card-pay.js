/* Card payment of one order, with Stripe's Payment Element.
   Real Stripe: confirmPayment handles 3-D Secure and comes back to the return URL.
   localstripe (demo and tests) has only the card element: the card is tokenised,
   confirmed on our server, and 3-D Secure is answered in the page. Either way
   the server reads the PaymentIntent at the return URL; the page decides nothing. */
(function () {
  "use strict";
  var form = document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") {
    return;
  }
  var stripe = Stripe(form.dataset.stripeKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var element = elements.create("payment");
  element.mount("#payment-element");
  var errorBox = document.getElementById("card-error");
  var button = document.getElementById("pay-button");
  var buttonText = button.textContent;

  function fail(text) {
    errorBox.textContent = text || form.dataset.networkError;
    errorBox.hidden = false;
    button.disabled = false;
    button.textContent = buttonText;
  }

  function viaPaymentElement() {
    return stripe
      .confirmPayment({ elements: elements, confirmParams: { return_url: form.dataset.returnUrl } })
      .then(function (result) {
        if (result.error) {
          fail(result.error.message);
        }
      });
  }

  function viaServer() {
    return stripe.createToken(element).then(function (result) {
      if (result.error) {
        return fail(result.error.message);
      }
      var body = new FormData();
      body.append("payment_method", result.token.card.id);
      body.append("csrfmiddlewaretoken", form.elements.csrfmiddlewaretoken.value);
      return fetch(form.dataset.confirmUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.error) {
            return fail(data.error);
          }
          var authenticated = data.action ? stripe.confirmCardPayment(data.client_secret) : Promise.resolve();
          return authenticated.then(function () { window.location.assign(data.next); });
        });
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    errorBox.hidden = true;
    button.disabled = true;
    button.textContent = form.dataset.busyText;
    var pay = typeof stripe.confirmPayment === "function" ? viaPaymentElement : viaServer;
    pay().catch(function () { fail(); });
  });
})();
