organisations-new-title = Register my organisation
organisations-new-intro = The organisation belongs to your administration’s side. It is used for your half of projects.
organisations-new-link = Your organisation is not in the list? Register it.
organisations-field-name = Name of the organisation
organisations-field-kind = Kind of organisation
organisations-field-street = Address
organisations-field-postal-code = Postal code
organisations-field-city = City
