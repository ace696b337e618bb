"""Oscar's checkout session, finding the chosen delivery through our repository.

A delivery code kept in the session (or posted) counts only while the
repository still offers it for this basket: a zone switched off, a parcel
grown too heavy or a code made up by hand finds nothing, and Oscar's
pre-conditions send the shopper back to choose again.
"""

from oscar.apps.checkout import session
from oscar.core.loading import get_class

Repository = get_class("shipping.repository", "Repository")


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    def get_shipping_method(self, basket, shipping_address=None, **kwargs):
        """The delivery chosen in this session, if it is still offered."""
        return Repository().find_by_code(
            self.checkout_session.shipping_method_code(basket),
            basket,
            shipping_addr=shipping_address,
            user=self.request.user,
            request=self.request,
        )
